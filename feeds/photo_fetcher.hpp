#pragma once

#include "base/regular_file.hpp"
#include "feeds/feed_cache.hpp"
#include "feeds/http_fetcher.hpp"
#include "feeds/item.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace lafita::feeds {

// The photos feeds name over the network (Item::image with http or https), fetched on the
// feed updater's thread through its Fetcher (the feed's CA file and timeouts; its token
// only to the feed's own server) and kept in the feed cache with its atomic writes, so that
// a restart without network shows them. A feed is published with the photos the cache
// holds and nothing else (an item whose photo is not kept yet shows without it); the
// missing ones are fetched, at most `per_feed` a feed and `max_bytes` each, and the feed is
// published again once its last one has ended. A photo that fails (a dead or slow server,
// an HTML page, a body too large) is one warning of its feed and is not tried again until
// the feed changes; a kept photo is never fetched again, so the last good copy stays. The
// feed's logo (Feed::logo, Item::source_logo) is fetched and kept the same way, beside
// its photos.
// Photos of feeds that are files are read where they are, not here. Worker thread only.
class PhotoFetcher {
 public:
  struct Limits {
    size_t per_feed = 20;
    size_t max_bytes = kMaxPhotoBytes;
  };

  PhotoFetcher(std::shared_ptr<const FeedCache> cache, Limits limits);

  // `parsed`, feed `index` as fetched with `request`, with only the photos the cache holds;
  // queues the missing ones (see requests()). Remembers `parsed` for current().
  Feed with_kept_photos(size_t index, const Feed& parsed, const FetchRequest& request);

  // The transfers queued since the last call, to add to the Fetcher under their keys.
  std::vector<std::pair<size_t, FetchRequest>> requests();

  // Whether a Fetcher key is a photo's (feeds have keys below).
  static bool is_photo(size_t key) { return key >= kFirstKey; }

  // Takes the end of a photo's transfer: kept in the cache, or a warning. Returns the feed
  // to publish again (current()) when this was its last photo under way.
  std::optional<size_t> finish(size_t key, FetchResult result);

  // Feed `index` as last parsed, with the photos kept now and the warnings of those that
  // failed.
  Feed current(size_t index) const;

 private:
  static constexpr size_t kFirstKey = size_t{1} << 30;  // far above any feed's index, on 32 bits too
  struct Pending {
    size_t feed;
    std::string url;
    std::string item;    // its id, for a warning; empty for the feed's logo
    std::string origin;  // the feed's URL redacted, for a warning
  };

  void queue(size_t index, const std::string& url, const std::string& item, const FetchRequest& request);
  bool kept(const std::string& url) const;
  bool pending(const std::string& url) const;

  std::shared_ptr<const FeedCache> cache_;
  Limits limits_;
  std::map<size_t, Feed> parsed_;                        // by feed: as parsed, every photo named
  std::map<size_t, std::vector<std::string>> problems_;  // by feed: photos that failed
  std::map<size_t, Pending> under_way_;                  // by key
  std::vector<std::pair<size_t, FetchRequest>> queued_;
  std::set<std::string> failed_;  // addresses not tried again until their feed changes
  size_t next_key_ = kFirstKey;
};

}  // namespace lafita::feeds
