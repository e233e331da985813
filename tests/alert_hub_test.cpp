// Alert hubs: Atom and RSS feeds whose entries link to CAP documents. The updater fetches
// the linked documents from a real HTTP server on 127.0.0.1, bounded in count, size and
// scheme, keeps them on disk for the next start, and shows no entry whose document cannot
// be had (a hub's entry says nothing checked).
#include "feeds/feed_updater.hpp"
#include "feeds/linked_alerts.hpp"
#include "http_server.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace lafita::feeds {
namespace {

using namespace std::chrono_literals;

std::string fixture(const std::string& name) { return test::test_data_text("cap/" + name); }

// An Atom hub whose entries link to `links` (CAP's media type), each with its own title.
std::string atom_hub(const std::vector<std::string>& links) {
  std::string text = R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Hub</title>)";
  for (size_t i = 0; i < links.size(); ++i) {
    text += "<entry><id>e" + std::to_string(i) + "</id><title>Entry " + std::to_string(i) + "</title>" +
            "<link rel=\"related\" type=\"application/cap+xml\" href=\"" + links[i] + "\"/></entry>";
  }
  return text + "</feed>";
}

struct Hub {
  test::HttpServer server;
  std::mutex mutex;
  std::string feed;
  std::map<std::string, int> requests;  // by path
  std::map<std::string, std::string> authorization;  // the last request's header, by path
  bool down = false;                     // every answer a 503
  Hub() {
    server.routes().Get("/hub", [this](const httplib::Request&, httplib::Response& res) {
      const std::lock_guard lock(mutex);
      if (down) return void(res.status = 503);
      res.set_content(feed, "application/atom+xml");
    });
    server.routes().Get(R"(/cap/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(mutex);
      const std::string name = req.matches[1];
      ++requests[name];
      authorization[name] = req.get_header_value("Authorization");
      if (down) return void(res.status = 503);
      if (name == "huge.xml") return res.set_content(std::string(kMaxLinkedBytes + 1, ' '), "application/cap+xml");
      if (name.starts_with("missing")) {
        res.status = 404;
        return;
      }
      res.set_content(fixture(name), "application/cap+xml");
    });
    server.start();
  }
};

std::shared_ptr<const FeedCache> fresh_cache(const std::string& name) {
  const auto folder = std::filesystem::temp_directory_path() / ("lafita-hub-test-" + name);
  std::filesystem::remove_all(folder);
  return std::make_shared<const FeedCache>(folder);
}

std::unique_ptr<FeedUpdater> hub_updater(const std::string& url, std::shared_ptr<const FeedCache> cache,
                                         const std::string& token_file = {}) {
  FeedSource source;
  source.request.url = url;
  source.request.token_file = token_file;
  source.request.connect_timeout = source.request.total_timeout = 2s;
  source.alert = true;
  ParseOptions options;
  options.language = "en";
  return std::make_unique<FeedUpdater>(std::vector<FeedSource>{source}, std::move(cache), options, nullptr,
                                       [] { return Time(std::chrono::seconds(1764504000)); });
}

bool has_warning(const Feed& feed, const std::string& part) {
  return std::ranges::any_of(feed.warnings, [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

TEST_SUITE("alerts") {
  TEST_CASE("an alert hub's entries become the CAP alerts they link to; one that cannot be had is not shown") {
    Hub hub;
    hub.feed = atom_hub({hub.server.url("/cap/flood_ar_en.xml"), hub.server.url("/cap/missing.xml"),
                         hub.server.url("/cap/huge.xml"), hub.server.url("/cap/flood_ar_en.xml")});
    const auto cache = fresh_cache("links");
    auto updater = hub_updater(hub.server.url("/hub"), cache);
    updater->update();
    const auto feed = updater->snapshot()->feeds.front().feed;
    REQUIRE(feed);
    // The 404 and the document past the size limit are left out; the one linked twice is
    // fetched once.
    REQUIRE(feed->items.size() == 2);
    CHECK(feed->items[0].title == "Flood warning for the old town of Sfax");
    CHECK(feed->items[0].alert->severity == Severity::severe);
    CHECK(feed->items[1].title == "Flood warning for the old town of Sfax");
    CHECK(hub.requests["flood_ar_en.xml"] == 1);
    CHECK(has_warning(*feed, "item 2 links to CAP '" + hub.server.url("/cap/missing.xml") + "': no copy of it yet; not shown"));
    CHECK(has_warning(*feed, "item 3 links to CAP '" + hub.server.url("/cap/huge.xml") + "': no copy of it yet; not shown"));

    // The next start, with the hub down: the hub's copy and its documents from the disk,
    // before any network, and kept through the failed fetch.
    {
      const std::lock_guard lock(hub.mutex);
      hub.down = true;
    }
    auto restarted = hub_updater(hub.server.url("/hub"), cache);
    const auto cached = restarted->snapshot()->feeds.front().feed;
    REQUIRE(cached);
    CHECK(cached->items[0].title == "Flood warning for the old town of Sfax");
    restarted->update();
    CHECK(restarted->snapshot()->feeds.front().feed == cached);
  }

  TEST_CASE("a hub from the network never makes the screen read its own files, and follows at most 20 links") {
    Hub hub;
    std::vector<std::string> links{"file:///etc/passwd", "/etc/passwd", "ftp://example.tn/a.cap"};
    for (int i = 0; i < 25; ++i) links.push_back(hub.server.url("/cap/missing-" + std::to_string(i) + ".xml"));
    hub.feed = atom_hub(links);
    auto updater = hub_updater(hub.server.url("/hub"), fresh_cache("hostile"));
    updater->update();
    const auto feed = updater->snapshot()->feeds.front().feed;
    REQUIRE(feed);
    CHECK(feed->items.empty());  // nothing checked, nothing shown
    CHECK(has_warning(*feed, "3 CAP links not followed: a feed from the network may link only to http and https documents"));
    CHECK(has_warning(*feed, "5 CAP links past the first 20 not followed"));
    size_t fetched = 0;
    for (const auto& [name, count] : hub.requests) fetched += static_cast<size_t>(count);
    CHECK(fetched == kMaxLinkedAlerts);
  }

  TEST_CASE("the hub's token goes to the hub's own server only") {
    Hub hub;
    const std::string own = hub.server.url("/cap/flood_ar_en.xml");
    std::string other = hub.server.url("/cap/flood_update.xml");
    other.replace(other.find("127.0.0.1"), 9, "localhost");  // the same server under another name
    hub.feed = atom_hub({own, other});
    const auto token = std::filesystem::temp_directory_path() / "lafita-hub-token.txt";
    std::ofstream(token) << "HUB-SECRET\n";
    auto updater = hub_updater(hub.server.url("/hub"), fresh_cache("token"), token.string());
    updater->update();
    INFO(updater->snapshot()->feeds.front().last_error);
    REQUIRE(updater->snapshot()->feeds.front().feed);
    CHECK(updater->snapshot()->feeds.front().feed->items.size() == 2);
    const std::lock_guard lock(hub.mutex);
    CHECK(hub.authorization["flood_ar_en.xml"] == "Bearer HUB-SECRET");
    CHECK(hub.authorization["flood_update.xml"].empty());
  }

  TEST_CASE("a local hub may link to local CAP files") {
    const auto folder = std::filesystem::temp_directory_path() / "lafita-hub-test-local";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "hub.xml") << atom_hub({"file://" + test::test_data("cap/flood_update.xml").string()});
    auto updater = hub_updater((folder / "hub.xml").string(), nullptr);
    updater->update();
    const auto feed = updater->snapshot()->feeds.front().feed;
    REQUIRE(feed);
    REQUIRE(feed->items.size() == 1);
    CHECK(feed->items[0].title == "Leave the streets near the port now");
    CHECK(feed->items[0].alert->severity == Severity::extreme);
  }
}

}  // namespace
}  // namespace lafita::feeds
