#pragma once

#include "feeds/feed_cache.hpp"
#include "feeds/feed_parser.hpp"
#include "feeds/http_fetcher.hpp"
#include "feeds/photo_fetcher.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

namespace lafita::feeds {

// One feed to follow: a URL (fetched) or a file name (read), and how.
struct FeedSource {
  FetchRequest request;  // request.url: http://, https://, file:// or a file name
  std::chrono::seconds refresh{300};
  int priority = 0;       // added to each item's
  std::string language;   // for items that say none, when the feed says none either
  size_t max_items = 200;
  // Its items are emergency alerts, which take over the screen (alerts.hpp): CAP documents,
  // feeds whose entries link to them, JSON Feed items. Only such a feed may take over.
  bool alert = false;
};

// A feed's document parsed with its source's settings: at most max_items items, the
// source's priority added, its language where neither item nor feed gives one. An alert
// feed's items are all alerts (of unknown severity where the item does not say); any
// other feed's alerts are left out with a warning, so that a news feed cannot take the
// screen over. Messages name the source by its redacted URL. Throws FeedError like parse_feed.
Feed parse_source(const FeedSource& source, std::string_view document, ParseOptions options);

// When to try a feed again. After a success: `refresh` later. After the n-th failure in a
// row: b · 2^(n-1) with b the smaller of 30 s and `refresh`, at most `max_backoff`,
// jittered to between half and all of it, so that a fleet of screens does not come back
// all at once. Never sooner than a server's Retry-After (at most a day). `unit_random` is
// in [0, 1).
std::chrono::milliseconds retry_delay(int failures_in_a_row, std::chrono::seconds refresh,
                                      std::optional<std::chrono::seconds> retry_after, double unit_random,
                                      std::chrono::seconds max_backoff = std::chrono::minutes(15));

// What is known of one feed.
struct FeedState {
  std::string source;                     // its URL redacted, or its file name
  std::shared_ptr<const Feed> feed;       // its last good content; null when none yet
  std::optional<Time> content_fetched;    // when that content came from the server
  std::optional<Time> last_success;       // last fetch that worked (200 or 304) or cache load
  std::optional<Time> last_failure;
  std::string last_error;                 // of the last failure; empty once a fetch works
  int failures_in_a_row = 0;
  bool from_cache = false;                // content loaded from disk, not fetched yet
};

// Everything the updater knows, at one moment. Immutable once published.
struct FeedSnapshot {
  uint64_t content_generation = 0;  // grows whenever some feed's content changes
  std::vector<FeedState> feeds;     // in the order of the sources

  // The feeds' content, for merge_feeds().
  std::vector<const Feed*> contents() const;
  // Since when no feed has worked: the oldest moment at which every feed had failed and
  // none has worked since. Nothing while any feed works (or has not been tried).
  std::optional<Time> all_failing_since() const;
  // When the newest content shown was fetched.
  std::optional<Time> content_time() const;
};

// Follows feeds on a worker thread: fetches every feed that is due at once (one slow
// server holds up only its own feed), parses and sanitises each, keeps the last good copy
// on disk and publishes an immutable snapshot after every attempt, calling `changed` (on
// the worker thread: it must be thread-safe, like SDL_PushEvent). A failed fetch or a
// broken body keeps the last good content and records why. Sources are shown (in
// snapshots, messages and the cache's names) with their URLs redacted (redact_url).
class FeedUpdater {
 public:
  using Clock = std::function<Time()>;

  // Loads the cached copies at once (no network), so snapshot() has content before
  // start(); a feed that `previous` (a reload's old updater) follows with the same URL
  // starts from what it had instead. `cache` may be null (no copies kept). Messages about
  // damaged copies go to the first snapshot's feeds' last_error.
  FeedUpdater(std::vector<FeedSource> sources, std::shared_ptr<const FeedCache> cache, ParseOptions options,
              std::function<void()> changed, Clock clock, const FeedUpdater* previous = nullptr);
  // Stops the worker at once: transfers under way are given up and a calendar being
  // expanded stops at its next step, whatever the network does.
  ~FeedUpdater();
  FeedUpdater(const FeedUpdater&) = delete;
  FeedUpdater& operator=(const FeedUpdater&) = delete;

  void start();            // starts fetching, every feed at once
  // Every feed due now (SIGUSR1); one under way is fetched again as soon as it ends (what
  // it brings may be older than what was just published). Any thread.
  void refresh_now();
  std::shared_ptr<const FeedSnapshot> snapshot() const;  // any thread
  // Where copies (and the photos items show, PhotoFetcher) are kept; null when nowhere.
  const std::shared_ptr<const FeedCache>& cache() const { return cache_; }

  // One attempt at each of `indices` (all feeds when empty), at once, on the calling thread;
  // returns when all have ended. Before start() only (a test's, or a screen without a
  // display writing its slides once).
  void update(std::vector<size_t> indices = {});

 private:
  // One attempt at a feed, read: its copy, and its content or why there is none.
  struct Attempt {
    FetchResult result;
    CachedFeed copy;
    bool store = false;  // a new copy, to keep on disk
    std::optional<Feed> feed;
  };
  // An alert hub's attempt waiting for the CAP documents its entries link to.
  struct Waiting {
    Attempt attempt;
    size_t outstanding = 0;
  };

  void run();
  std::vector<size_t> take_due();
  std::chrono::steady_clock::time_point next_due() const;
  FetchRequest request_for(size_t index) const;
  void dispatch(Fetcher& fetcher, size_t key, FetchResult result);
  void finish(Fetcher& fetcher, size_t index, FetchResult result);
  bool read(size_t index, FetchResult result, Attempt& attempt);
  bool follow_links(Fetcher& fetcher, size_t index, Attempt& attempt);
  void finish_link(size_t key, FetchResult result);
  void conclude(size_t index, Attempt attempt);
  void photo_ended(size_t key, FetchResult result);
  void publish(FeedSnapshot next);
  // `attach`: an alert hub's entries replaced by the CAP documents they link to, as far as
  // copies of them are known (follow_links fetches them).
  Feed parse(const CachedFeed& copy, size_t index, bool attach = true);
  const CachedFeed* linked_copy(const std::string& url);
  void load_cached(size_t index, FeedState& state);
  void carry_over(size_t index, const FeedUpdater& previous, size_t at, const FeedSnapshot& carried, FeedState& state);

  const std::vector<FeedSource> sources_;
  const std::shared_ptr<const FeedCache> cache_;
  ParseOptions parse_;
  const std::function<void()> changed_;
  const Clock clock_;
  std::atomic<bool> stopping_{false};
  Fetcher fetcher_;  // the worker's; wake() from any thread

  mutable std::mutex mutex_;
  std::shared_ptr<const FeedSnapshot> snapshot_;
  std::vector<std::chrono::steady_clock::time_point> due_;  // max(): under way
  std::vector<char> again_;  // under way when refresh_now() asked: due again when it ends
  std::vector<CachedFeed> last_good_;  // bodies as fetched, to parse again on a 304; worker only
  // Alert hubs' linked CAP documents; worker only (and the constructor's thread before start()).
  std::map<size_t, Waiting> waiting_;                           // by feed index
  std::map<size_t, std::pair<size_t, std::string>> link_keys_;  // fetch key: feed index and URL
  std::map<std::string, CachedFeed> linked_;                    // last good copies, by URL
  size_t next_link_key_;
  PhotoFetcher photos_;                 // worker only (and the constructor's cached copies)
  std::mt19937 random_{std::random_device{}()};
  std::thread worker_;
};

}  // namespace lafita::feeds
