// Emergency alerts: CAP 1.2 documents read from fixtures written for these tests
// (tests/data/cap/, each saying what it is), JSON Feed alerts, which alerts show
// (status, Update, Cancel, expiry, area), and what an ordinary feed may not do.
#include "feeds/alerts.hpp"
#include "feeds/feed_updater.hpp"
#include "feeds/playlist.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace lafita::feeds {
namespace {

using lafita::test::test_data;

std::string read(const std::string& name) { return lafita::test::test_data_text("cap/" + name); }

FeedSource alert_source(std::string name = "https://alerts.example.tn/cap.xml") {
  FeedSource source;
  source.request.url = std::move(name);
  source.alert = true;
  return source;
}

Feed parse_cap(const std::string& name, std::string language = "ar", bool alert = true) {
  ParseOptions options;
  options.language = std::move(language);
  FeedSource source = alert_source();
  source.alert = alert;
  return parse_source(source, read(name), options);
}

// "2026-11-30T12:00:00Z" (written in UTC, so the reading is the calendar's arithmetic).
Time utc(const char* text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  REQUIRE(std::sscanf(text, "%d-%d-%dT%d:%d:%dZ", &year, &month, &day, &hour, &minute, &second) == 6);
  const std::chrono::sys_days date{std::chrono::year(year) / month / day};
  return date + std::chrono::hours(hour) + std::chrono::minutes(minute) + std::chrono::seconds(second);
}

// One feed holding the messages of `parts`, as a hub or a document replaced in turn gives them.
Feed one_feed(std::initializer_list<const Feed*> parts) {
  Feed feed;
  for (const Feed* part : parts) feed.items.insert(feed.items.end(), part->items.begin(), part->items.end());
  return feed;
}

std::vector<std::string> ids(const std::vector<Item>& items) {
  std::vector<std::string> result;
  for (const Item& item : items) result.push_back(item.id);
  return result;
}

const std::string kFirst = "alerts@protectioncivile.example.tn,TN-PC-2026-0042,2026-11-30T08:15:00+01:00";
const std::string kUpdate = "alerts@protectioncivile.example.tn,TN-PC-2026-0043,2026-11-30T11:00:00+01:00";

TEST_SUITE("alerts") {
  TEST_CASE("a CAP alert in two languages is read in the screen's, with every area of both") {
    const Feed arabic = parse_cap("flood_ar_en.xml", "ar");
    REQUIRE(arabic.items.size() == 1);
    const Item& item = arabic.items.front();
    CHECK(item.id == kFirst);
    CHECK(item.title == "تحذير من الفيضانات في المدينة العتيقة بصفاقس");
    CHECK(item.language == "ar-TN");
    CHECK(item.source == "الحماية المدنية بصفاقس");
    REQUIRE(item.alert);
    CHECK(item.alert->severity == Severity::severe);
    CHECK(item.alert->status == "Actual");
    CHECK(item.alert->message_type == "Alert");
    CHECK(item.alert->event == "فيضان");
    CHECK(item.alert->instruction == "تجنّبوا الأنفاق، وأبعدوا السيارات عن الميناء، واتصلوا بالرقم 198 عند الطوارئ.");
    CHECK(item.alert->sent == utc("2026-11-30T07:15:00Z"));
    CHECK(item.published == utc("2026-11-30T07:15:00Z"));
    CHECK(item.start == utc("2026-11-30T09:00:00Z"));
    CHECK(item.expires == utc("2026-11-30T19:00:00Z"));
    CHECK(item.alert->areas == std::vector<std::string>{"Sfax Medina", "المدينة العتيقة بصفاقس"});
    CHECK(item.alert->geocodes == std::vector<std::string>{"TN-GOV=61"});
    CHECK(arabic.warnings.empty());

    const Feed english = parse_cap("flood_ar_en.xml", "en-GB");
    CHECK(english.items.front().title == "Flood warning for the old town of Sfax");
    CHECK(english.items.front().link == "https://protectioncivile.example.tn/alerts/0042");
    // No language asked for, or one the alert lacks: its first block.
    CHECK(parse_cap("flood_ar_en.xml", "").items.front().language == "en-US");
    CHECK(parse_cap("flood_ar_en.xml", "fr").items.front().language == "en-US");
  }

  TEST_CASE("an Update replaces what it references, a Cancel ends both and shows nothing") {
    const Feed first = parse_cap("flood_ar_en.xml"), update = parse_cap("flood_update.xml"),
               cancel = parse_cap("flood_cancel.xml");
    REQUIRE(update.items.size() == 1);
    CHECK(update.items.front().alert->references == std::vector<std::string>{kFirst});
    REQUIRE(cancel.items.size() == 1);  // kept without text: it ends what it names
    CHECK(cancel.items.front().alert->message_type == "Cancel");
    CHECK(cancel.items.front().alert->references.size() == 2);

    const Time noon = utc("2026-11-30T12:00:00Z");
    const Feed both = one_feed({&first, &update}), backwards = one_feed({&update, &first}),
               ended = one_feed({&first, &update, &cancel}), cancelled = one_feed({&first, &cancel});
    CHECK(ids(active_alerts({&first}, noon, {})) == std::vector<std::string>{kFirst});
    CHECK(ids(active_alerts({&both}, noon, {})) == std::vector<std::string>{kUpdate});
    CHECK(ids(active_alerts({&backwards}, noon, {})) == std::vector<std::string>{kUpdate});
    CHECK(active_alerts({&ended}, noon, {}).empty());
    CHECK(active_alerts({&cancelled}, noon, {}).empty());
    // Before an Update takes effect (sent at 10:00 UTC, effective at 11:00) the first alert holds.
    Feed later = both;
    later.items[1].published = utc("2026-11-30T11:00:00Z");
    CHECK(ids(active_alerts({&later}, utc("2026-11-30T10:59:59Z"), {})) == std::vector<std::string>{kFirst});
    CHECK(ids(active_alerts({&later}, utc("2026-11-30T11:00:00Z"), {})) == std::vector<std::string>{kUpdate});
    // After it expires, what it replaced stays replaced.
    CHECK(active_alerts({&both}, utc("2026-11-30T22:00:00Z"), {}).empty());
  }

  TEST_CASE("only a message of the same feed and status ends an alert: not another feed, not a drill, not an Alert") {
    const Feed first = parse_cap("flood_ar_en.xml"), cancel = parse_cap("flood_cancel.xml");
    const Time noon = utc("2026-11-30T12:00:00Z");
    // Another feed's Cancel, with the very same sender and references, ends nothing.
    CHECK(ids(active_alerts({&first, &cancel}, noon, {})) == std::vector<std::string>{kFirst});
    Feed drill = one_feed({&first, &cancel});
    drill.items[1].alert->status = "Test";
    CHECK(ids(active_alerts({&drill}, noon, {})) == std::vector<std::string>{kFirst});
    Feed alert_naming = one_feed({&first, &cancel});
    alert_naming.items[1].alert->message_type = "Alert";  // references, but neither Update nor Cancel
    CHECK(active_alerts({&alert_naming}, utc("2026-11-30T18:00:00Z"), {}).size() == 2);
    Feed self = parse_cap("flood_update.xml");
    self.items[0].alert->references = {self.items[0].id};
    CHECK(ids(active_alerts({&self}, noon, {})) == std::vector<std::string>{kUpdate});
    // The same id with other words from another feed: both show, neither hides the other.
    Feed shadow = first;
    shadow.items[0].title = "All clear";
    shadow.items[0].alert->severity = Severity::minor;
    CHECK(active_alerts({&shadow, &first}, noon, {}).size() == 2);
    CHECK(active_alerts({&first, &first}, noon, {}).size() == 1);
  }

  TEST_CASE("an alert shows from when it is effective until it expires") {
    const Feed first = parse_cap("flood_ar_en.xml"), expired = parse_cap("expired.xml");
    Feed later = first;  // sent at 07:15 UTC, effective from 08:00
    later.items.front().published = utc("2026-11-30T08:00:00Z");
    CHECK(active_alerts({&later}, utc("2026-11-30T07:59:59Z"), {}).empty());
    CHECK(active_alerts({&later}, utc("2026-11-30T08:00:00Z"), {}).size() == 1);
    CHECK(active_alerts({&first}, utc("2026-11-30T18:59:59Z"), {}).size() == 1);
    CHECK(active_alerts({&first}, utc("2026-11-30T19:00:00Z"), {}).empty());
    CHECK(active_alerts({&expired, &first}, utc("2026-11-30T12:00:00Z"), {}).size() == 1);
    CHECK(active_alerts({&expired}, utc("2026-11-29T12:00:00Z"), {}).size() == 1);
  }

  TEST_CASE("a clock behind the newest message (no real-time clock, before NTP) does not hold an alert back") {
    const Feed first = parse_cap("flood_ar_en.xml");
    CHECK(active_alerts({&first}, Time{}, {}, false).size() == 1);  // 1970
    const Feed update = parse_cap("flood_update.xml"), both = one_feed({&first, &update});
    // The newest message says it is at least 10:00 UTC: the Update is in force, not the first.
    CHECK(ids(active_alerts({&both}, Time{}, {}, false)) == std::vector<std::string>{kUpdate});
    // A synchronised clock is believed: in 1970 nothing has been sent yet.
    CHECK(active_alerts({&first}, Time{}, {}, true).empty());
  }

  TEST_CASE("while the clock is not synchronised, a feed's message from the far future expires no other feed's alert") {
    const Feed first = parse_cap("flood_ar_en.xml");
    std::string text = read("expired.xml");
    for (size_t at; (at = text.find("2026-11-29T")) != std::string::npos;) text.replace(at, 11, "9999-11-29T");
    const Feed future = parse_source(alert_source(), text, {});
    CHECK(ids(active_alerts({&first, &future}, Time{}, {}, false)) ==
          std::vector<std::string>{kFirst, future.items.front().id});
  }

  TEST_CASE("with a synchronised clock, a message dated in the far future hides no other alert") {
    const Feed first = parse_cap("flood_ar_en.xml");
    std::string text = read("flood_update.xml");
    for (size_t at; (at = text.find("2026-11-30T")) != std::string::npos;) text.replace(at, 11, "9999-11-30T");
    const Feed future = parse_source(alert_source(), text, {});
    const Time noon = utc("2026-11-30T12:00:00Z");
    CHECK(ids(active_alerts({&first, &future}, noon, {}, true)) == std::vector<std::string>{kFirst});
  }

  TEST_CASE("Test and Exercise messages show only when the screen is told to") {
    const Feed exercise = parse_cap("exercise.xml"), test = parse_cap("test_status.xml");
    const Time now = utc("2026-11-30T12:00:00Z");
    CHECK(active_alerts({&exercise, &test}, now, {}).empty());
    AlertFilter rehearsal;
    rehearsal.statuses.push_back("Exercise");
    REQUIRE(active_alerts({&exercise, &test}, now, rehearsal).size() == 1);
    CHECK(active_alerts({&exercise, &test}, now, rehearsal).front().alert->status == "Exercise");
    rehearsal.statuses.push_back("Test");
    CHECK(active_alerts({&exercise, &test}, now, rehearsal).size() == 2);
  }

  TEST_CASE("the area filter keeps alerts of the screen's area, and those that name none") {
    const Feed flood = parse_cap("flood_ar_en.xml"), drill = parse_cap("exercise.xml");
    const Time now = utc("2026-11-30T12:00:00Z");
    AlertFilter filter;
    filter.statuses = {"Actual", "Exercise"};
    filter.areas = {"sfax"};
    CHECK(active_alerts({&flood, &drill}, now, filter).size() == 2);  // the drill names no area
    filter.areas = {"Tunis"};
    CHECK(ids(active_alerts({&flood, &drill}, now, filter)) == std::vector<std::string>{drill.items.front().id});
    filter.areas = {"المدينة العتيقة"};
    CHECK(active_alerts({&flood}, now, filter).size() == 1);
    filter.areas.clear();
    filter.geocodes = {"tn-gov=61"};
    CHECK(active_alerts({&flood}, now, filter).size() == 1);
    filter.geocodes = {"TN-GOV=11"};
    CHECK(active_alerts({&flood}, now, filter).empty());
  }

  TEST_CASE("several alerts: the most severe first, then the newest") {
    Feed feed;
    auto alert = [](std::string id, Severity severity, const char* sent) {
      Item item;
      item.id = item.title = std::move(id);
      item.alert.emplace().severity = severity;
      item.alert->sent = utc(sent);
      return item;
    };
    feed.items = {alert("minor-new", Severity::minor, "2026-11-30T11:00:00Z"),
                  alert("severe-old", Severity::severe, "2026-11-30T08:00:00Z"),
                  alert("severe-new", Severity::severe, "2026-11-30T10:00:00Z"),
                  alert("severe-new", Severity::severe, "2026-11-30T10:00:00Z")};
    CHECK(ids(active_alerts({&feed}, utc("2026-11-30T12:00:00Z"), {})) ==
          std::vector<std::string>{"severe-new", "severe-old", "minor-new"});
    CHECK(merge_feeds({&feed}, utc("2026-11-30T12:00:00Z")).empty());  // never in the rotation
  }

  TEST_CASE("only a feed marked alert = true may take the screen over") {
    const Feed news = parse_cap("flood_ar_en.xml", "ar", false);
    CHECK(news.items.empty());
    REQUIRE(news.warnings.size() == 1);
    CHECK(news.warnings.front() ==
          "https://alerts.example.tn/cap.xml: 1 alerts left out: only a feed with alert = true in its [feeds.NAME] "
          "table shows alerts");

    const std::string json = R"({"version": "https://jsonfeed.org/version/1.1", "title": "Town hall", "items": [
      {"id": "a", "title": "Road closed", "_lafita": {"alert": {"severity": "Severe", "instruction": "Use the north road."}}},
      {"id": "b", "title": "Concert tonight"}]})";
    FeedSource plain = alert_source();
    plain.alert = false;
    const Feed from_news = parse_source(plain, json, {});
    CHECK(ids(from_news.items) == std::vector<std::string>{"b"});
    const Feed from_alerts = parse_source(alert_source(), json, {});
    REQUIRE(from_alerts.items.size() == 2);
    CHECK(from_alerts.items[0].alert->severity == Severity::severe);
    CHECK(from_alerts.items[0].alert->instruction == "Use the north road.");
    // Every item of an alert feed is an alert; one that says nothing is of unknown severity.
    REQUIRE(from_alerts.items[1].alert);
    CHECK(from_alerts.items[1].alert->severity == Severity::unknown);
    CHECK(from_alerts.items[1].alert->status == "Actual");
  }

  TEST_CASE("a status in the wrong case is read; an unknown one is a warning and never shows") {
    std::string text = read("flood_ar_en.xml");
    text.replace(text.find("<status>Actual</status>"), 23, "<status>actual</status>");
    const Feed careless = parse_source(alert_source(), text, {});
    CHECK(careless.items.front().alert->status == "Actual");
    CHECK(careless.warnings.empty());
    text.replace(text.find("<status>actual</status>"), 23, "<status>Real</status>");
    const Feed unknown = parse_source(alert_source(), text, {});
    CHECK(unknown.warnings == std::vector<std::string>{
                                  "https://alerts.example.tn/cap.xml: alert.status: not Actual, Exercise, System, Test or "
                                  "Draft: 'Real'; not shown"});
    CHECK(active_alerts({&unknown}, utc("2026-11-30T12:00:00Z"), {}).empty());
    const std::string json = R"({"version": "https://jsonfeed.org/version/1.1", "items": [
      {"id": "drill", "title": "Drill", "_lafita": {"alert": {"severity": "minor", "status": "exercise"}}}]})";
    const Feed drill = parse_source(alert_source(), json, {});
    CHECK(drill.items.front().alert->status == "Exercise");
    CHECK(active_alerts({&drill}, utc("2026-11-30T12:00:00Z"), {}).empty());
  }

  TEST_CASE("a hostile CAP document expands no entity and reads no file") {
    const Feed feed = parse_cap("hostile_entities.xml");
    REQUIRE(feed.items.size() == 1);
    const Item& item = feed.items.front();
    CHECK(item.title == "Read this:");
    CHECK(item.alert->instruction.empty());
    CHECK(item.alert->event.empty());
    CHECK(item.body.empty());
    CHECK(item.alert->severity == Severity::extreme);
    REQUIRE(!feed.warnings.empty());
    CHECK(feed.warnings.front().find("entity") != std::string::npos);
  }

  TEST_CASE("malformed CAP fields are warnings naming the field; a message no one could cancel is refused") {
    std::string text = read("flood_ar_en.xml");
    auto replace = [&](const std::string& from, const std::string& to) {
      const size_t at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
    };
    replace("<severity>Severe</severity>", "<severity>Apocalyptic</severity>");
    replace("<expires>2026-11-30T20:00:00+01:00</expires>", "<expires>tomorrow</expires>");
    replace("<msgType>Alert</msgType>", "<msgType>Shout</msgType>");
    ParseOptions options;
    options.language = "en";
    const Feed feed = parse_source(alert_source(), text, options);
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items.front().alert->severity == Severity::unknown);
    CHECK(feed.items.front().alert->message_type == "Alert");
    CHECK(!feed.items.front().expires);
    const std::vector<std::string> expected{
        "https://alerts.example.tn/cap.xml: alert.msgType: not Alert, Update or Cancel: 'Shout'; read as Alert",
        "https://alerts.example.tn/cap.xml: alert.info.severity: not Extreme, Severe, Moderate, Minor or Unknown: "
        "'Apocalyptic'",
        "https://alerts.example.tn/cap.xml: alert.expires: not a CAP date-time: 'tomorrow'"};
    CHECK(feed.warnings == expected);

    replace("<identifier>TN-PC-2026-0042</identifier>", "");
    CHECK_THROWS_WITH_AS(parse_source(alert_source(), text, options),
                         "feed 'https://alerts.example.tn/cap.xml': a CAP alert without an identifier, a sender or a "
                         "sent time",
                         FeedError);
  }
}

}  // namespace
}  // namespace lafita::feeds
