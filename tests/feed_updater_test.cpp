// The updater: last good content kept through every failure, the cache read before any
// network, conditional requests, backoff, and snapshots handed to another thread.
#include "feeds/feed_updater.hpp"
#include "http_server.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>

namespace lafita::feeds {
namespace {

using test::HttpServer;
using namespace std::chrono_literals;

constexpr const char* kGood =
    "<rss version=\"2.0\"><channel><title>Baladiya</title><item><title>جلسة المجلس</title>"
    "<guid>1</guid></item></channel></rss>";
constexpr const char* kNewer =
    "<rss version=\"2.0\"><channel><title>Baladiya</title><item><title>جلسة المجلس</title><guid>1</guid></item>"
    "<item><title>ورشة</title><guid>2</guid></item></channel></rss>";

std::shared_ptr<const FeedCache> fresh_cache(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("lafita-updater-test-" + name);
  std::filesystem::remove_all(folder);
  return std::make_shared<const FeedCache>(folder);
}

// A server whose /feed answers what the test sets, counting requests.
struct Publisher {
  HttpServer server;
  std::mutex mutex;
  int status = 200;
  std::string body = kGood;
  std::string etag;
  std::string if_none_match;  // of the last request
  Publisher() {
    server.routes().Get("/feed", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(mutex);
      if_none_match = req.get_header_value("If-None-Match");
      res.status = status;
      if (status == 200 && !etag.empty() && if_none_match == etag) {
        res.status = 304;
        return;
      }
      if (!etag.empty()) res.set_header("ETag", etag);
      res.set_content(body, "application/rss+xml");
    });
    server.start();
  }
  void answer(int new_status, std::string new_body = kGood) {
    const std::lock_guard lock(mutex);
    status = new_status;
    body = std::move(new_body);
  }
};

Time fake_now = Time(std::chrono::seconds(1678874400));  // 15 March 2023 10:00 UTC

std::unique_ptr<FeedUpdater> updater_for(const std::string& url, std::shared_ptr<const FeedCache> cache,
                                         std::function<void()> changed = {}) {
  FeedSource source;
  source.request.url = url;
  source.request.connect_timeout = source.request.total_timeout = 2s;
  ParseOptions options;
  return std::make_unique<FeedUpdater>(std::vector<FeedSource>{source}, std::move(cache), options, std::move(changed),
                                       [] { return fake_now; });
}

TEST_SUITE("updater") {
  TEST_CASE("retry delays: the refresh after a success, doubling backoff with jitter, Retry-After honoured") {
    CHECK(retry_delay(0, 300s, std::nullopt, 0.5) == 300s);
    CHECK(retry_delay(1, 300s, std::nullopt, 0.0) == 15s);   // 30 s, jittered down to half
    CHECK(retry_delay(1, 300s, std::nullopt, 0.999) < 30s);
    CHECK(retry_delay(3, 300s, std::nullopt, 0.0) == 60s);   // 120 s / 2
    CHECK(retry_delay(30, 300s, std::nullopt, 0.0) == 450s);  // the 15 min cap / 2
    CHECK(retry_delay(1, 5s, std::nullopt, 0.0) == 2500ms);   // a short refresh backs off from itself
    CHECK(retry_delay(4, 5s, std::nullopt, 0.0) == 20s);
    CHECK(retry_delay(1, 300s, 600s, 0.0) == 600s);
    CHECK(retry_delay(0, 300s, 1000000s, 0.0) == 24h);        // a server cannot silence a screen for weeks
  }

  TEST_CASE("a fetched feed is parsed, published and cached; the next start shows it before any network") {
    Publisher publisher;
    const auto cache = fresh_cache("cached-start");
    std::atomic<int> notified = 0;
    auto updater = updater_for(publisher.server.url("/feed"), cache, [&] { ++notified; });
    CHECK(updater->snapshot()->feeds[0].feed == nullptr);
    updater->update({0});
    auto snapshot = updater->snapshot();
    REQUIRE(snapshot->feeds[0].feed);
    CHECK(snapshot->feeds[0].feed->items[0].title == "جلسة المجلس");
    CHECK(snapshot->content_generation == 1);
    CHECK(notified == 1);

    // The next start, with the server gone: the copy is there at once.
    updater.reset();
    auto offline = updater_for("http://127.0.0.1:1/feed", cache);  // another URL has no copy
    CHECK(offline->snapshot()->feeds[0].feed == nullptr);
    auto restarted = updater_for(publisher.server.url("/feed"), cache);
    const auto first = restarted->snapshot();
    REQUIRE(first->feeds[0].feed);
    CHECK(first->feeds[0].from_cache);
    CHECK(first->feeds[0].feed->items.size() == 1);
    CHECK(first->content_time() == fake_now);
  }

  TEST_CASE("500, 404, invalid XML and a dead server keep the last good content and say why") {
    Publisher publisher;
    auto updater = updater_for(publisher.server.url("/feed"), fresh_cache("keeps-good"));
    updater->update({0});
    REQUIRE(updater->snapshot()->feeds[0].feed);
    const uint64_t generation = updater->snapshot()->content_generation;

    const auto fails_with = [&](int status, const std::string& body) {
      publisher.answer(status, body);
      updater->update({0});
      const auto snapshot = updater->snapshot();
      CHECK(snapshot->feeds[0].feed);
      CHECK(snapshot->feeds[0].feed->items.size() == 1);
      CHECK(snapshot->content_generation == generation);
      return snapshot->feeds[0].last_error;
    };
    CHECK(fails_with(500, "").ends_with("the server answered HTTP 500"));
    CHECK(fails_with(404, "").ends_with("the server answered HTTP 404"));
    CHECK(fails_with(200, "<rss><channel><item>").find("not well-formed XML at line 1") != std::string::npos);
    CHECK(updater->snapshot()->feeds[0].failures_in_a_row == 3);
    CHECK(updater->snapshot()->all_failing_since() == fake_now);  // since the last success

    publisher.answer(200, kNewer);
    updater->update({0});
    const auto recovered = updater->snapshot();
    CHECK(recovered->feeds[0].last_error.empty());
    CHECK(recovered->feeds[0].failures_in_a_row == 0);
    CHECK_FALSE(recovered->all_failing_since());
    CHECK(recovered->feeds[0].feed->items.size() == 2);
    CHECK(recovered->content_generation == generation + 1);
  }

  TEST_CASE("a served feed with invalid UTF-8 is shown with replacement characters, not refused") {
    Publisher publisher;
    publisher.answer(200, "<rss version=\"2.0\"><channel><title>t</title><item><title>caf\xE9 \xD8\xB9</title>"
                          "<guid>1</guid></item></channel></rss>");
    auto updater = updater_for(publisher.server.url("/feed"), fresh_cache("utf8"));
    updater->update({0});
    const auto snapshot = updater->snapshot();
    REQUIRE(snapshot->feeds[0].feed);
    CHECK(snapshot->feeds[0].feed->items[0].title == "caf\uFFFD \u0639");
    CHECK(snapshot->feeds[0].feed->warnings.size() == 1);
    CHECK(snapshot->feeds[0].last_error.empty());
  }

  TEST_CASE("the ETag is sent back; 304 keeps the content and counts as a success") {
    Publisher publisher;
    publisher.etag = "\"rev-7\"";
    auto updater = updater_for(publisher.server.url("/feed"), fresh_cache("etag"));
    updater->update({0});
    CHECK(publisher.if_none_match.empty());
    publisher.answer(500);
    updater->update({0});
    CHECK(updater->snapshot()->feeds[0].failures_in_a_row == 1);
    publisher.answer(200);
    updater->update({0});  // the server now says 304 for our ETag
    CHECK(publisher.if_none_match == "\"rev-7\"");
    const auto snapshot = updater->snapshot();
    CHECK(snapshot->feeds[0].failures_in_a_row == 0);
    CHECK(snapshot->feeds[0].feed->items.size() == 1);
    CHECK(snapshot->content_generation == 1);
  }

  TEST_CASE("on its thread, the updater fetches at start and wakes the caller") {
    Publisher publisher;
    std::mutex mutex;
    std::condition_variable woken;
    bool changed = false;
    auto updater = updater_for(publisher.server.url("/feed"), nullptr, [&] {
      const std::lock_guard lock(mutex);
      changed = true;
      woken.notify_all();
    });
    updater->start();
    {
      std::unique_lock lock(mutex);
      REQUIRE(woken.wait_for(lock, 10s, [&] { return changed; }));
    }
    CHECK(updater->snapshot()->feeds[0].feed);
    updater.reset();  // stops and joins while the next fetch is 5 minutes away
  }

  TEST_CASE("feeds are fetched at once: a server that hangs holds up only its own, and stopping does not wait for it") {
    Publisher publisher;
    HttpServer hanging;
    hanging.routes().Get("/feed", [&](const httplib::Request&, httplib::Response&) { hanging.hang(); });
    hanging.start();
    std::vector<FeedSource> sources(2);
    sources[0].request.url = hanging.url("/feed");  // first: one after another, it would hold up the second
    sources[1].request.url = publisher.server.url("/feed");
    std::mutex mutex;
    std::condition_variable woken;
    auto updater = std::make_unique<FeedUpdater>(
        sources, nullptr, ParseOptions{},
        [&] {
          const std::lock_guard lock(mutex);
          woken.notify_all();
        },
        [] { return fake_now; });
    updater->start();
    {
      std::unique_lock lock(mutex);
      // The hanging server's transfer lasts 60 s; the good feed needs none of them.
      REQUIRE(woken.wait_for(lock, 10s, [&] { return updater->snapshot()->feeds[1].feed != nullptr; }));
    }
    CHECK(updater->snapshot()->feeds[0].last_success == std::nullopt);
    CHECK(updater->snapshot()->feeds[0].failures_in_a_row == 0);  // still under way
    const auto stopping = std::chrono::steady_clock::now();
    updater.reset();
    CHECK(std::chrono::steady_clock::now() - stopping < 2s);
  }

  TEST_CASE("refresh_now during a fetch fetches that feed again when it ends") {
    HttpServer server;
    std::mutex mutex;
    std::condition_variable changed;
    int requests = 0;
    bool open = false;
    server.routes().Get("/feed", [&](const httplib::Request&, httplib::Response& res) {
      std::unique_lock lock(mutex);
      ++requests;
      changed.notify_all();
      changed.wait(lock, [&] { return open; });  // the first answer waits for the test
      res.set_content(kGood, "application/rss+xml");
    });
    server.start();
    auto updater = updater_for(server.url("/feed"), nullptr);
    updater->start();
    std::unique_lock lock(mutex);
    REQUIRE(changed.wait_for(lock, 10s, [&] { return requests == 1; }));
    updater->refresh_now();  // as SIGUSR1 after publishing: what is under way may be older
    open = true;
    changed.notify_all();
    CHECK(changed.wait_for(lock, 10s, [&] { return requests == 2; }));  // not in refresh (300 s)
    lock.unlock();
    updater.reset();
  }

  TEST_CASE("a reload's updater starts from the content of the one before, and reads it with its own settings") {
    Publisher publisher;
    auto before = updater_for(publisher.server.url("/feed"), nullptr);
    before->update({0});
    REQUIRE(before->snapshot()->feeds[0].feed);
    FeedSource source;
    source.request.url = publisher.server.url("/feed");
    source.priority = 7;
    publisher.answer(500);  // nothing new over the network: what the next one has, it carried over
    const FeedUpdater after({source}, nullptr, ParseOptions{}, {}, [] { return fake_now; }, before.get());
    const auto state = after.snapshot()->feeds[0];
    REQUIRE(state.feed);
    CHECK(state.feed->items.size() == 1);
    CHECK(state.feed->items[0].priority == 7);  // parsed again with the new priority
    CHECK(state.last_success == before->snapshot()->feeds[0].last_success);
  }

  TEST_CASE("a damaged cached copy is reported at start and not shown") {
    const auto cache = fresh_cache("damaged");
    CachedFeed copy;
    copy.url = "http://127.0.0.1:1/feed";
    copy.body = kGood;
    REQUIRE_FALSE(cache->store(copy));
    std::ofstream(cache->file_for(copy.url), std::ios::app) << "trailing junk";
    auto updater = updater_for(copy.url, cache);
    CHECK(updater->snapshot()->feeds[0].feed == nullptr);
    CHECK(updater->snapshot()->feeds[0].last_error.find("its body has") != std::string::npos);
  }
}

}  // namespace
}  // namespace lafita::feeds
