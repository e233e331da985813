// Photos fetched by the feed updater (PhotoFetcher) from a real HTTP server on 127.0.0.1:
// kept in the feed cache and shown after a restart without network; a dead image server,
// an HTML page served as a photo, a slow server and a photo past the size limit each leave
// the item without its photo with one warning; the feed's token goes to the feed's server
// only; at most `per_feed` photos a feed.
#include "feeds/feed_updater.hpp"
#include "http_server.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

namespace lafita::feeds {
namespace {

using test::HttpServer;
using namespace std::chrono_literals;

// The first bytes of a PNG and then anything: the fetcher keeps what looks like a picture;
// decoding is the player's (tests/photo_pipeline_test.cpp).
const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(200, 'p');

std::string rss_with_photos(const std::vector<std::string>& photos, const std::string& logo = {}) {
  std::string rss = "<rss version=\"2.0\"><channel><title>Baladiya</title>";
  if (!logo.empty()) rss += "<image><url>" + logo + "</url></image>";
  for (size_t i = 0; i < photos.size(); ++i) {
    rss += "<item><title>item " + std::to_string(i + 1) + "</title><guid>" + std::to_string(i + 1) +
           "</guid><enclosure type=\"image/png\" url=\"" + photos[i] + "\"/></item>";
  }
  return rss + "</channel></rss>";
}

struct PhotoServer {
  HttpServer server;
  std::string feed;
  std::mutex mutex;
  std::vector<std::string> authorizations;  // "path: header" of every photo request
  PhotoServer() {
    server.routes().Get("/feed", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(feed, "application/rss+xml");
    });
    server.routes().Get(R"(/photos/(.*))", [this](const httplib::Request& req, httplib::Response& res) {
      {
        const std::lock_guard lock(mutex);
        authorizations.push_back(req.path + ": " + req.get_header_value("Authorization"));
      }
      if (req.path == "/photos/page.png") return res.set_content("<html>Not here</html>", "image/png");
      if (req.path == "/photos/huge.png") return res.set_content(kPng + std::string(11 << 20, 'x'), "image/png");
      if (req.path == "/photos/slow.png" && !server.pause(5s)) return;
      res.set_content(kPng, "image/png");
    });
    server.start();
  }
};

std::shared_ptr<const FeedCache> fresh_cache(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("lafita-photo-fetch-" + name);
  std::filesystem::remove_all(folder);
  return std::make_shared<const FeedCache>(folder);
}

FeedUpdater updater(const std::string& url, std::shared_ptr<const FeedCache> cache, const std::string& token_file = {}) {
  FeedSource source;
  source.request.url = url;
  source.request.connect_timeout = 2s;
  source.request.total_timeout = 2s;  // the slow photo server takes 5 s
  source.request.token_file = token_file;
  return FeedUpdater({source}, std::move(cache), ParseOptions{}, {}, [] { return Time(std::chrono::seconds(1678874400)); });
}

std::vector<std::string> images_of(const FeedUpdater& updater) {
  std::vector<std::string> images;
  for (const Item& item : updater.snapshot()->feeds.at(0).feed->items) images.push_back(item.image);
  return images;
}

size_t warnings_with(const FeedUpdater& updater, const std::string& part) {
  const auto& warnings = updater.snapshot()->feeds.at(0).feed->warnings;
  return size_t(std::count_if(warnings.begin(), warnings.end(), [&](const std::string& w) { return w.find(part) != std::string::npos; }));
}

TEST_SUITE("photo_fetch") {
  TEST_CASE("photos are kept in the cache; the bad ones leave their item without a photo, one warning each") {
    PhotoServer publisher;
    const std::string good = publisher.server.url("/photos/good.png");
    const std::string dead = "http://127.0.0.1:9/photos/dead.png";  // the discard port: nothing listens
    publisher.feed = rss_with_photos({good, publisher.server.url("/photos/page.png"), dead,
                                      publisher.server.url("/photos/huge.png"), publisher.server.url("/photos/slow.png")});
    const auto cache = fresh_cache("kept");
    FeedUpdater first = updater(publisher.server.url("/feed"), cache);
    first.update();
    CHECK(images_of(first) == std::vector<std::string>{good, "", "", "", ""});
    CHECK(warnings_with(first, "item '2': photo '" + publisher.server.url("/photos/page.png") +
                                   "': not a PNG, JPEG or WebP picture (21 bytes); shown without it") == 1);
    // Named like every feed warning: the feed (redacted), the item, the photo.
    CHECK(warnings_with(first, publisher.server.url("/feed") + ": item '3': photo 'http://127.0.0.1:9/photos/dead.png': ") == 1);
    CHECK(warnings_with(first, "item '4': photo") == 1);  // past 10 MiB
    CHECK(warnings_with(first, "item '5': photo") == 1);  // slower than the 2 s the feed allows
    std::string error;
    const auto copy = cache->load(good, error);
    REQUIRE(copy);
    CHECK(copy->body == kPng);

    // A restart without network: the cached feed shows with its kept photo at once.
    FeedUpdater offline = updater("http://127.0.0.1:9/feed", cache);
    CHECK(offline.snapshot()->feeds.at(0).feed == nullptr);  // another URL: nothing cached for it
    FeedUpdater restarted = updater(publisher.server.url("/feed"), cache);
    REQUIRE(restarted.snapshot()->feeds.at(0).feed);
    CHECK(images_of(restarted).front() == good);
  }

  TEST_CASE("a kept photo is not fetched again, and stays when its server dies") {
    auto publisher = std::make_unique<PhotoServer>();
    const std::string good = publisher->server.url("/photos/good.png");
    publisher->feed = rss_with_photos({good});
    const auto cache = fresh_cache("again");
    FeedUpdater first = updater(publisher->server.url("/feed"), cache);
    first.update();
    first.update();
    CHECK(publisher->authorizations.size() == 1);
    const std::string feed_url = publisher->server.url("/feed");
    publisher.reset();  // the server is gone
    FeedUpdater restarted = updater(feed_url, cache);
    restarted.update();  // fails: the cached content and its photo stay
    CHECK(images_of(restarted) == std::vector<std::string>{good});
  }

  TEST_CASE("the feed's token goes to photos on the feed's own server only") {
    PhotoServer publisher, elsewhere;
    const auto token = std::filesystem::temp_directory_path() / "lafita-photo-token";
    std::ofstream(token) << "s3cret\n";
    publisher.feed = rss_with_photos({publisher.server.url("/photos/own.png"), elsewhere.server.url("/photos/cdn.png")});
    FeedUpdater feed = updater(publisher.server.url("/feed"), fresh_cache("token"), token.string());
    feed.update();
    CHECK(publisher.authorizations == std::vector<std::string>{"/photos/own.png: Bearer s3cret"});
    CHECK(elsewhere.authorizations == std::vector<std::string>{"/photos/cdn.png: "});
    const auto images = images_of(feed);
    CHECK(images.size() == 2);
    CHECK(std::count(images.begin(), images.end(), "") == 0);
  }

  TEST_CASE("the feed's logo is kept like a photo, and a dead one leaves the name, with a warning") {
    PhotoServer publisher;
    const std::string logo = publisher.server.url("/photos/logo.png");
    publisher.feed = rss_with_photos({publisher.server.url("/photos/a.png")}, logo);
    FeedUpdater feed = updater(publisher.server.url("/feed"), fresh_cache("logo"));
    feed.update();
    const auto& kept = *feed.snapshot()->feeds.at(0).feed;
    CHECK(kept.logo == logo);
    CHECK(kept.items.at(0).source_logo == logo);
    publisher.feed = rss_with_photos({publisher.server.url("/photos/a.png")}, "http://127.0.0.1:9/logo.png");
    feed.update();
    const auto& dead = *feed.snapshot()->feeds.at(0).feed;
    CHECK(dead.logo.empty());
    CHECK(dead.items.at(0).source_logo.empty());
    CHECK(warnings_with(feed, "logo 'http://127.0.0.1:9/logo.png': failed to fetch: ") == 1);
  }

  TEST_CASE("at most 20 photos a feed are fetched and shown") {
    PhotoServer publisher;
    std::vector<std::string> photos;
    for (int i = 0; i < 25; ++i) photos.push_back(publisher.server.url("/photos/p" + std::to_string(i) + ".png"));
    publisher.feed = rss_with_photos(photos);
    FeedUpdater feed = updater(publisher.server.url("/feed"), fresh_cache("count"));
    feed.update();
    CHECK(publisher.authorizations.size() == 20);
    const auto images = images_of(feed);
    CHECK(std::count(images.begin(), images.end(), "") == 5);
    CHECK(images[19] == photos[19]);
    CHECK(images[20].empty());
  }
}

}  // namespace
}  // namespace lafita::feeds
