// Feed URLs as they may be shown: credentials redacted wherever a URL is logged, written
// to a status file, a metric or a cache file, or put on screen; file:// URLs as files.
#include "feeds/feed_url.hpp"

#include <doctest/doctest.h>

namespace lafita::feeds {
namespace {

TEST_SUITE("feed_url") {
  TEST_CASE("user names, passwords and secret-looking parameters are redacted; the rest stays readable") {
    CHECK(redact_url("https://user:pa55@host.example/feed") == "https://***@host.example/feed");
    CHECK(redact_url("https://token@host.example/feed") == "https://***@host.example/feed");
    CHECK(redact_url("https://host.example/feed?token=abc&lang=ar&page=2") ==
          "https://host.example/feed?token=***&lang=ar&page=2");
    CHECK(redact_url("https://host.example/feed?api_key=1&apikey=2&access_token=3&Signature=4&sessionid=5&auth=6&pwd=7") ==
          "https://host.example/feed?api_key=***&apikey=***&access_token=***&Signature=***&sessionid=***&auth=***&pwd=***");
    CHECK(redact_url("https://host.example/feed#access_token=abc&x=1") == "https://host.example/feed#access_token=***&x=1");
    // Secret addresses of calendars: the key is a path segment.
    CHECK(redact_url("https://calendar.google.com/calendar/ical/council%40group.calendar.google.com/private-0a1b2c3d4e5f/basic.ics") ==
          "https://calendar.google.com/calendar/ical/council%40group.calendar.google.com/***/basic.ics");
    CHECK(redact_url("https://outlook.office365.com/owa/calendar/4f9c1e2a-7b3d-4c5e-9f1a-2b3c4d5e6f70/aB3dE5fG7hJ9kL1mN3pQ/calendar.ics") ==
          "https://outlook.office365.com/owa/calendar/***/***/calendar.ics");
    // Slugs, dates and ordinary names are not keys.
    CHECK(redact_url("https://baladiya.example/2024/03/council-meeting-agenda/feed/?lang=ar") ==
          "https://baladiya.example/2024/03/council-meeting-agenda/feed/?lang=ar");
    // Found by review: where the user information ends is libcurl's to say.
    CHECK(redact_url("https://user:p?ss@host.example/feed") == "https://***");
    CHECK(redact_url("https://user:pa/ss@host.example/feed") == "https://***");
    CHECK(redact_url("https://host.example/feed?%74oken=abc") == "https://host.example/feed?%74oken=***");
    CHECK(redact_url("https:/host.example/feed?token=abc") == "https:/host.example/feed?token=***");  // not a URL
    CHECK(redact_url("file:///srv/feeds/news.xml") == "file:///srv/feeds/news.xml");
    CHECK(redact_url("/srv/feeds/token=abc.xml") == "/srv/feeds/token=abc.xml");  // a file name is shown as it is
  }

  TEST_CASE("has_credentials says whether redacting hides anything") {
    CHECK(has_credentials("https://u:p@x.example/"));
    CHECK(has_credentials("https://x.example/feed?key=1"));
    CHECK_FALSE(has_credentials("https://x.example/feed?lang=ar"));
  }

  TEST_CASE("same origin: scheme, host and port, a default port as written or not") {
    CHECK(same_origin("https://alerts.example.tn/hub.atom", "https://ALERTS.example.tn:443/cap/1.xml"));
    CHECK(same_origin("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b?x=1"));
    CHECK_FALSE(same_origin("https://alerts.example.tn/hub", "http://alerts.example.tn/cap.xml"));
    CHECK_FALSE(same_origin("https://alerts.example.tn/hub", "https://alerts.example.tn:8443/cap.xml"));
    CHECK_FALSE(same_origin("https://alerts.example.tn/hub", "https://alerts.example.tn.evil.example/cap.xml"));
    CHECK_FALSE(same_origin("http://127.0.0.1:8080/a", "http://localhost:8080/a"));
    CHECK_FALSE(same_origin("not a url", "not a url"));
  }

  TEST_CASE("file:// URLs name local files; other hosts and other schemes do not") {
    std::string why;
    CHECK(local_file("file:///srv/feeds/news%20ar.xml", why) == "/srv/feeds/news ar.xml");
    CHECK(local_file("file://localhost/srv/feeds/news.xml", why) == "/srv/feeds/news.xml");
    CHECK(local_file("news.xml", why) == "news.xml");
    CHECK_FALSE(local_file("https://x.example/feed", why));
    CHECK(why.empty());  // the network's, not a mistake
    CHECK_FALSE(local_file("file://server/share/feed.xml", why));
    CHECK(why == "not a file:// URL Lafita can read (file:///path/to/feed.xml)");
    CHECK(is_remote("HTTPS://x.example/"));
    CHECK_FALSE(is_remote("file:///x"));
  }
}

}  // namespace
}  // namespace lafita::feeds
