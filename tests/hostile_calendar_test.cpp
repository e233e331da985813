// Calendars written to hurt: rules that libical would expand for ever, time zones whose
// rules never end, TZIDs that are paths, components nested without end. Each must parse
// within the calendar's budget (ctest's timeout catches one that does not), keep the good
// events beside the bad ones and say what it left out.
#include "feed_warnings.hpp"
#include "feeds/feed_parser.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace lafita::feeds {
namespace {

using test::has_warning;
using test::all_warnings;

Time utc(int y, unsigned m, unsigned d, int h = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) + std::chrono::hours(h);
}

const Time kNow = utc(2026, 12, 2, 10);

// Options for a parse at `now` that only the step budget can end: with the default 2 s time
// budget a loaded machine could end a parse first, and a test meant for the steps would then
// pass or fail by the clock. The time budget has a test of its own.
ParseOptions at(Time now) {
  ParseOptions options;
  options.calendar.now = now;
  options.calendar.time_budget = std::chrono::hours(1);
  return options;
}

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hostile//EN\r\n" + body + "END:VCALENDAR\r\n";
}

std::string event(const std::string& uid, const std::string& lines) {
  return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nSUMMARY:" + uid + "\r\n" + lines + "END:VEVENT\r\n";
}

// A good event tomorrow at 10:00 UTC, to be found beside whatever else a calendar holds.
const std::string kGood = event("good", "DTSTART:20261203T100000Z\r\nDTEND:20261203T110000Z\r\n");

bool has_item(const Feed& feed, std::string_view title) {
  return std::any_of(feed.items.begin(), feed.items.end(), [&](const Item& item) { return item.title == title; });
}

TEST_SUITE("hostile_calendar") {
  TEST_CASE("rules that can never match, at every frequency, cost a bounded number of steps") {
    // Feb 30 never comes: libical steps through every second, minute, hour or day up to the
    // year 2582 looking for it, unless something stops it.
    for (const std::string frequency : {"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"}) {
      for (const std::string since : {"19900101T000000Z", "20261201T000000Z"}) {
        for (const std::string count : {"", ";COUNT=3"}) {
          const std::string rule = "RRULE:FREQ=" + frequency + ";BYMONTH=2;BYMONTHDAY=30" + count + "\r\n";
          const Feed feed = parse_feed(calendar(event("never", "DTSTART:" + since + "\r\n" + rule) + kGood), "never.ics", at(kNow));
          INFO(rule, since, all_warnings(feed));
          CHECK(has_item(feed, "good"));
          CHECK_FALSE(has_item(feed, "never"));
        }
      }
    }
  }

  TEST_CASE("rules whose days no month or year has are refused before libical looks for them until 2582") {
    const std::vector<std::pair<std::string, std::string>> rules{
        {"FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30", "BYMONTHDAY has no day that its months have"},
        {"FREQ=YEARLY;BYMONTH=4,6,9,11;BYMONTHDAY=31,-31", "BYMONTHDAY has no day that its months have"},
        {"FREQ=YEARLY;BYMONTH=1;BYYEARDAY=100", "BYYEARDAY has no day in its BYMONTH"},
        {"FREQ=MONTHLY;BYDAY=6MO", "BYDAY asks for weekdays past the 5th of their month"},
        {"FREQ=YEARLY;BYDAY=54FR", "BYDAY asks for weekdays past the 53th of their year"},
    };
    for (const auto& [rule, why] : rules) {
      CAPTURE(rule);
      const Feed feed = parse_feed(calendar(event("never", "DTSTART:20261201T100000Z\r\nRRULE:" + rule + "\r\n") + kGood),
                                   "never.ics", at(kNow));
      CHECK(has_warning(feed, "never.ics: VEVENT 1: RRULE: " + why + ", so it never matches; rule ignored"));
      CHECK(has_item(feed, "good"));
    }
    // What may match is not refused: a leap day, the fifth Monday, the last day of February.
    for (const std::string rule : {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MONTHLY;BYDAY=5MO", "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-1",
                                   "FREQ=YEARLY;BYYEARDAY=-1"}) {
      CAPTURE(rule);
      const Feed feed = parse_feed(calendar(event("may", "DTSTART:20261201T100000Z\r\nRRULE:" + rule + "\r\n")), "may.ics", at(kNow));
      CHECK(feed.warnings.empty());
    }
  }

  TEST_CASE("rules finer than an hour are refused with a warning; the event keeps its first occurrence") {
    const Feed feed = parse_feed(calendar(event("every-minute", "DTSTART:20261203T090000Z\r\nRRULE:FREQ=MINUTELY\r\n")),
                                 "fine.ics", at(kNow));
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items[0].start == utc(2026, 12, 3, 9));
    CHECK(has_warning(feed, "fine.ics: VEVENT 1: RRULE: FREQ=MINUTELY repeats more often than hourly, too often for a "
                            "screen; rule ignored"));
  }

  TEST_CASE("a counted rule too far back to walk within the budget is refused, naming where it starts") {
    const Feed feed = parse_feed(
        calendar(event("old", "DTSTART:19900101T100000Z\r\nRRULE:FREQ=HOURLY;COUNT=1000000\r\n") + kGood), "old.ics", at(kNow));
    CHECK(has_item(feed, "good"));
    CHECK(has_warning(feed, "old.ics: VEVENT 1: RRULE: expanding it from 1990-01-01 would take about"));
    CHECK(has_warning(feed, "more than the calendar has left (of 100000); rule ignored"));
  }

  TEST_CASE("the step budget counts the steps that yield nothing: many old counted rules use it up") {
    // Each rule walks from 2020 to the window with an occurrence only on leap days, none in
    // the window: about 2,500 steps each, so the budget of 100,000 ends after some 40 of the 60.
    std::string events;
    for (int i = 0; i < 60; ++i) {
      events += event("old-" + std::to_string(i), "DTSTART:20200101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=100000;BYMONTH=2;BYMONTHDAY=29\r\n");
    }
    const Feed feed = parse_feed(calendar(kGood + events), "budget.ics", at(kNow));
    INFO(all_warnings(feed));
    CHECK(has_item(feed, "good"));
    CHECK(has_warning(feed, "more than the calendar has left (of 100000); rule ignored"));
    CHECK(feed.warnings.size() >= 15);
    CHECK(feed.warnings.size() <= 25);
  }

  TEST_CASE("the time budget stops the expansion and says which events were left out") {
    ParseOptions options = at(kNow);
    options.calendar.time_budget = std::chrono::milliseconds(0);
    const Feed feed = parse_feed(calendar(kGood + kGood), "slow.ics", options);
    CHECK(feed.items.empty());
    CHECK(has_warning(feed, "slow.ics: 2 events left out: the calendar took more than its budget (0 ms, 100000 recurrence steps)"));
  }

  TEST_CASE("a parse is given up when the program stops") {
    const std::atomic<bool> stopping{true};
    ParseOptions options = at(kNow);
    options.calendar.cancelled = &stopping;
    CHECK_THROWS_AS(parse_feed(calendar(kGood), "stop.ics", options), FeedCancelled);
  }

  TEST_CASE("a VTIMEZONE whose rules are not yearly transitions is left out; its name then resolves like any TZID") {
    for (const std::string rule : {"FREQ=SECONDLY", "FREQ=DAILY", "FREQ=YEARLY;BYHOUR=0,1,2,3", "FREQ=YEARLY;BYSETPOS=1"}) {
      const std::string zone =
          "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
          "TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\nRRULE:" + rule + "\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
      const Feed feed = parse_feed(
          calendar(zone + event("berlin", "DTSTART;TZID=Europe/Berlin:20261203T100000\r\n")), "zone.ics", at(kNow));
      INFO(rule, all_warnings(feed));
      CHECK(has_warning(feed, "zone.ics: VTIMEZONE 'Europe/Berlin': "));
      REQUIRE(feed.items.size() == 1);
      CHECK(feed.items[0].start == utc(2026, 12, 3, 9));  // the system's Berlin (CET), not the +05:00 offered
    }
  }

  TEST_CASE("a yearly VTIMEZONE as Outlook writes it is kept and used") {
    const std::string zone =
        "BEGIN:VTIMEZONE\r\nTZID:Arab Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
        "TZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
        "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
        "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";
    const Feed feed = parse_feed(calendar(zone + event("paris", "DTSTART;TZID=Romance Standard Time:20261203T100000\r\n") +
                                          event("riyadh", "DTSTART;TZID=Arab Standard Time:20261203T100000\r\n")),
                                 "outlook.ics", at(kNow));
    CHECK(feed.warnings.empty());
    REQUIRE(feed.items.size() == 2);
    CHECK(feed.items[0].start == utc(2026, 12, 3, 7));  // Riyadh, +03:00
    CHECK(feed.items[1].start == utc(2026, 12, 3, 9));  // Paris in winter, +01:00
  }

  TEST_CASE("TZIDs are names ICU knows, never paths: traversal, a FIFO, vendor prefixes, Windows names") {
    const auto fifo = std::filesystem::temp_directory_path() / "lafita-hostile-tzid-fifo";
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);  // libical opening this would wait for ever
    const std::string up = "../../../../../../../..";
    const Feed feed = parse_feed(
        calendar(event("passwd", "DTSTART;TZID=" + up + "/etc/passwd:20261203T100000\r\n") +
                 event("fifo", "DTSTART;TZID=" + up + fifo.string() + ":20261203T100000\r\n") +
                 event("mozilla", "DTSTART;TZID=/mozilla.org/20050126_1/Africa/Tunis:20261203T100000\r\n") +
                 event("windows", "DTSTART;TZID=Egypt Standard Time:20261203T100000\r\n") +
                 event("unknown", "DTSTART;TZID=Mars/Olympus_Mons:20261203T100000\r\n")),
        "paths.ics", at(kNow));
    std::filesystem::remove(fifo);
    INFO(all_warnings(feed));
    const auto start_of = [&](std::string_view title) {
      const auto found = std::find_if(feed.items.begin(), feed.items.end(), [&](const Item& i) { return i.title == title; });
      REQUIRE(found != feed.items.end());
      return *found->start;
    };
    // The screen's zone is UTC in this test program: floating times are UTC.
    CHECK(start_of("passwd") == utc(2026, 12, 3, 10));
    CHECK(start_of("fifo") == utc(2026, 12, 3, 10));
    CHECK(start_of("mozilla") == utc(2026, 12, 3, 9));  // Tunis, +01:00
    CHECK(start_of("windows") == utc(2026, 12, 3, 8));  // Cairo, +02:00
    CHECK(start_of("unknown") == utc(2026, 12, 3, 10));
    CHECK(has_warning(feed, "paths.ics: TZID '" + up + "/etc/passwd' is neither a VTIMEZONE of the calendar nor a time "
                            "zone known here; its times are read in the screen's time zone"));
    CHECK(has_warning(feed, "paths.ics: TZID 'Mars/Olympus_Mons' is neither"));
    CHECK(feed.warnings.size() == 3);  // once per name: passwd, the FIFO, Mars
  }

  TEST_CASE("zones are each calendar's own: none inside an event, none borrowed from another calendar, one TZID a time") {
    const auto fifo = std::filesystem::temp_directory_path() / "lafita-hostile-zone-fifo";
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string up = "../../../../../../../.." + fifo.string();
    const std::string yearly = "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\n"
                               "END:STANDARD\r\n";
    // Calendar A declares a zone named like a path; calendar B, in the same file, uses the
    // name: libical would look for it from B's event, not find A's, and open the path.
    const std::string two_calendars =
        calendar("BEGIN:VTIMEZONE\r\nTZID:" + up + "\r\n" + yearly + "END:VTIMEZONE\r\n") +
        calendar(event("borrowed", "DTSTART;TZID=" + up + ":20261203T100000\r\n"));
    const Feed feed = parse_feed(two_calendars, "two.ics", at(kNow));
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items[0].start == utc(2026, 12, 3, 10));  // floating: the screen's zone, UTC here
    CHECK(has_warning(feed, "is neither a VTIMEZONE of the calendar nor a time zone known here"));
    // A VTIMEZONE inside an event, with a rule libical would expand for ever.
    const Feed nested = parse_feed(
        calendar("BEGIN:VEVENT\r\nUID:n\r\nSUMMARY:n\r\nDTSTART;TZID=Europe/Paris:20261203T100000\r\n"
                 "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                 "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=SECONDLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                 "END:VEVENT\r\n"),
        "nested.ics", at(kNow));
    REQUIRE(nested.items.size() == 1);
    CHECK(nested.items[0].start == utc(2026, 12, 3, 9));  // the system's Paris
    CHECK(has_warning(nested, "nested.ics: a VTIMEZONE inside a VEVENT, not the calendar; left out"));
    // Two TZIDs on one property: which one libical takes is not for a feed to play with.
    const Feed twice = parse_feed(calendar(event("twice", "DTSTART;TZID=Asia/Riyadh;TZID=" + up + ":20261203T100000\r\n")),
                                  "twice.ics", at(kNow));
    std::filesystem::remove(fifo);
    REQUIRE(twice.items.size() == 1);
    CHECK(twice.items[0].start == utc(2026, 12, 3, 10));
    CHECK(has_warning(twice, "twice.ics: a property with two TZIDs; its time is read in the screen's time zone"));
  }

  TEST_CASE("a counted series that ended years ago costs the steps it took, not a walk to today") {
    std::string events;
    for (int i = 0; i < 200; ++i) events += event("old-" + std::to_string(i), "DTSTART:20150101T100000Z\r\nRRULE:FREQ=DAILY;COUNT=10\r\n");
    events += event("weekly", "DTSTART:20200106T100000Z\r\nRRULE:FREQ=WEEKLY\r\n");
    const Feed feed = parse_feed(calendar(events), "series.ics", at(kNow));
    INFO(all_warnings(feed));
    CHECK(feed.warnings.empty());
    CHECK(feed.items.size() == 4);  // the weekly event's Mondays in the next 31 days: 7, 14, 21, 28 December
  }

  TEST_CASE("an event whose EXDATEs go past the budget is left out, not shown with half of them") {
    std::string exdates;
    for (int day = 1; day <= 28; ++day) exdates += "EXDATE:202612" + std::string(day < 10 ? "0" : "") + std::to_string(day) + "T100000Z\r\n";
    ParseOptions options = at(kNow);
    options.calendar.step_budget = 60;
    const Feed feed = parse_feed(calendar(event("daily", "DTSTART:20261201T100000Z\r\nRRULE:FREQ=DAILY\r\n" + exdates)),
                                 "exdates.ics", options);
    CHECK(feed.items.empty());
    CHECK(has_warning(feed, "exdates.ics: VEVENT 1: its RDATEs and EXDATEs go past the calendar's budget of steps; left out"));
  }

  TEST_CASE("components nested deeper than any calendar needs are refused, naming the line") {
    std::string nested;
    for (int i = 0; i < 100000; ++i) nested += "BEGIN:X-DEEP\r\n";
    for (int i = 0; i < 100000; ++i) nested += "END:X-DEEP\r\n";
    try {
      parse_feed(calendar(nested), "deep.ics", at(kNow));
      FAIL("a calendar nested 100,000 deep was read");
    } catch (const FeedError& e) {
      CHECK(std::string(e.what()) == "feed 'deep.ics': line 11: components nested deeper than 8");
    }
  }

  TEST_CASE("many events in the window: the soonest are kept across events, and it says how many were found") {
    std::string events;
    for (int day = 30; day >= 1; --day) {  // written latest first, more than the reader holds at once
      for (int half_hour = 0; half_hour < 48; ++half_hour) {
        char start[32];
        std::snprintf(start, sizeof start, "202701%02dT%02d%02d00Z", day, half_hour / 2, half_hour % 2 * 30);
        events += event("e" + std::string(start), "DTSTART:" + std::string(start) + "\r\n");
      }
    }
    const Feed feed = parse_feed(calendar(events), "many.ics", at(utc(2026, 12, 31)));
    REQUIRE(feed.items.size() == 200);
    CHECK(feed.items.front().start == utc(2027, 1, 1, 0));
    CHECK(feed.items.back().start == utc(2027, 1, 5, 3) + std::chrono::minutes(30));  // 4 days of 48, then 8
    CHECK(has_warning(feed, "many.ics: 1440 occurrences in the next 31 days; the 200 soonest kept"));
  }
}

}  // namespace
}  // namespace lafita::feeds
