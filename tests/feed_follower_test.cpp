// FeedFollower: what the player does with feed snapshots, on hand-made snapshots and times.
#include "kiosk/player/feed_follower.hpp"

#include <doctest/doctest.h>

namespace lafita::kiosk {
namespace {

using namespace std::chrono_literals;

const feeds::Time t0 = feeds::Time(std::chrono::seconds(1678874400));  // 15 March 2023 10:00 UTC

feeds::Item item(const std::string& id) {
  feeds::Item made;
  made.id = id;
  made.title = id;
  return made;
}

// A snapshot of one feed with `items`, fetched at t0, failing since `failing_since` if set.
feeds::FeedSnapshot snapshot(std::vector<feeds::Item> items, std::optional<feeds::Time> failing_since = {},
                             std::string error = {}) {
  feeds::FeedState state;
  state.source = "https://baladiya.example/feed";
  auto feed = std::make_shared<feeds::Feed>();
  feed->items = std::move(items);
  state.feed = feed;
  state.content_fetched = state.last_success = t0;
  if (failing_since) {
    state.last_success = *failing_since;
    state.last_failure = *failing_since + 1s;
    state.failures_in_a_row = 3;
    state.last_error = error.empty() ? "feed 'x': failed to fetch: the server answered HTTP 500" : error;
  }
  feeds::FeedSnapshot made;
  made.feeds.push_back(std::move(state));
  return made;
}

TEST_SUITE("follower") {
  TEST_CASE("a new playlist only when the items change, or expire") {
    FeedFollower follower({"https://baladiya.example/feed"}, 3600s, {item("a")});
    CHECK_FALSE(follower.follow(snapshot({item("a")}), t0).playlist);  // what is on screen
    auto changes = follower.follow(snapshot({item("a"), item("b")}), t0);
    REQUIRE(changes.playlist);
    CHECK(changes.playlist->size() == 2);
    CHECK_FALSE(follower.follow(snapshot({item("a"), item("b")}), t0 + 1min).playlist);
    feeds::Item expiring = item("b");
    expiring.expires = t0 + 30min;
    CHECK(follower.follow(snapshot({item("a"), expiring}), t0).playlist);  // b changed: it expires now
    changes = follower.follow(snapshot({item("a"), expiring}), t0 + 31min);
    REQUIRE(changes.playlist);
    CHECK(changes.playlist->size() == 1);
  }

  TEST_CASE("an alert replaces the playlist at once and gives it back when it expires, on the second") {
    FeedFollower follower({"https://baladiya.example/feed"}, 3600s, {item("a"), item("b")});
    feeds::Item alert = item("flood");
    alert.alert.emplace().severity = feeds::Severity::severe;
    alert.alert->sent = t0;
    alert.expires = t0 + 90s;
    const auto with_alert = snapshot({item("a"), item("b"), alert});
    auto changes = follower.follow(with_alert, t0 + 1s);
    REQUIRE(changes.playlist);
    REQUIRE(changes.playlist->size() == 1);
    CHECK(changes.playlist->front().id == "flood");
    CHECK(changes.urgent);
    CHECK(changes.log == std::vector<std::string>{"1 alerts take the screen over"});
    CHECK(follower.alert_due(with_alert, t0 + 1s) == t0 + 90s);  // not at the next minute
    CHECK(follower.due(with_alert, t0 + 1s) == t0 + 90s);
    CHECK_FALSE(follower.follow(with_alert, t0 + 89s).playlist);
    changes = follower.follow(with_alert, t0 + 90s);
    REQUIRE(changes.playlist);
    CHECK(changes.playlist->size() == 2);
    CHECK(changes.urgent);  // the rotation comes back at once too
    CHECK(changes.log == std::vector<std::string>{"no alert in force; the rotation resumes"});
    CHECK_FALSE(follower.alert_due(with_alert, t0 + 90s));
    // New items of the rotation wait for the end of a slide, as ever.
    changes = follower.follow(snapshot({item("a"), item("b"), item("c")}), t0 + 91s);
    REQUIRE(changes.playlist);
    CHECK_FALSE(changes.urgent);
  }

  TEST_CASE("nothing to show is the waiting item, naming the feeds") {
    FeedFollower follower({"https://baladiya.example/feed"}, 3600s, {item("a")});
    const auto changes = follower.follow(feeds::FeedSnapshot{0, {feeds::FeedState{}}}, t0);
    REQUIRE(changes.playlist);
    REQUIRE(changes.playlist->size() == 1);
    CHECK(changes.playlist->front().id == "lafita-waiting-for-content");
    CHECK(changes.playlist->front().body.find("https://baladiya.example/feed") != std::string::npos);
  }

  TEST_CASE("the badge shows once every feed has failed for stale_after, with the content's time, and goes") {
    FeedFollower follower({"f"}, 3600s, {item("a")});
    auto changes = follower.follow(snapshot({item("a")}, t0), t0 + 59min);
    CHECK_FALSE(changes.badge);  // failing, but not for an hour yet
    REQUIRE(changes.log.size() == 1);  // the error, once
    CHECK(changes.log[0].ends_with("HTTP 500"));
    changes = follower.follow(snapshot({item("a")}, t0), t0 + 61min);
    REQUIRE(changes.badge);
    CHECK(*changes.badge == t0);
    REQUIRE(changes.log.size() == 1);  // the badge's line; the same error is not logged again
    CHECK(changes.log[0].find("the header says when the content was last updated") != std::string::npos);
    CHECK_FALSE(follower.follow(snapshot({item("a")}, t0), t0 + 62min).badge);  // unchanged
    changes = follower.follow(snapshot({item("a")}), t0 + 63min);
    REQUIRE(changes.badge);
    CHECK_FALSE(changes.badge->has_value());
    CHECK(changes.log == std::vector<std::string>{"a feed works again; the 'last updated' badge is gone"});
  }

  TEST_CASE("one feed working is enough: no badge") {
    feeds::FeedSnapshot both = snapshot({item("a")}, t0);
    both.feeds.push_back(snapshot({item("b")}).feeds[0]);
    FeedFollower follower({"f", "g"}, 60s, {item("a")});
    CHECK_FALSE(follower.follow(both, t0 + 10h).badge);
  }

  TEST_CASE("a different error of the same feed is logged again") {
    FeedFollower follower({"f"}, 3600s, {item("a")});
    CHECK(follower.follow(snapshot({item("a")}, t0, "feed 'f': failed to fetch: timed out"), t0).log.size() == 1);
    CHECK(follower.follow(snapshot({item("a")}, t0, "feed 'f': failed to fetch: timed out"), t0).log.empty());
    CHECK(follower.follow(snapshot({item("a")}, t0, "feed 'f': not well-formed XML"), t0).log.size() == 1);
  }

  TEST_CASE("no badge is ever due for feeds that never had content: the loop has nothing to wake for") {
    FeedFollower follower({"https://baladiya.example/feed"}, 3600s, {item("a")});
    feeds::FeedState never;
    never.source = "https://baladiya.example/feed";
    never.last_failure = t0;
    never.failures_in_a_row = 5;
    never.last_error = "feed 'x': failed to fetch: timeout";
    const feeds::FeedSnapshot nothing{0, {never}};
    follower.follow(nothing, t0 + 2h);
    CHECK_FALSE(follower.badge());
    CHECK_FALSE(follower.badge_due(nothing));  // found by review: it was due at once, for ever
    CHECK(follower.badge_due(snapshot({item("a")}, t0)) == t0 + 3600s);
  }

  TEST_CASE("what a feed says reaches the log as one clean line") {
    FeedFollower follower({"https://baladiya.example/feed"}, 3600s, {item("a")});
    auto forged = snapshot({item("a")});
    auto feed = std::make_shared<feeds::Feed>(*forged.feeds[0].feed);
    feed->warnings = {"x.json: items[0].date: not a date: 'a\nlafita: every feed works \x1B[2J'"};
    forged.feeds[0].feed = feed;
    const auto changes = follower.follow(forged, t0);
    REQUIRE(changes.log.size() == 1);
    CHECK(changes.log[0] == "warning: x.json: items[0].date: not a date: 'a lafita: every feed works [2J'");
  }
}

}  // namespace
}  // namespace lafita::kiosk
