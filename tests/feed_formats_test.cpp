// The feed formats on fixture files shaped like what publishers emit (tests/data/feeds/,
// written for these tests: a WordPress RSS feed, an Atom feed with xhtml content, an
// Outlook-style calendar, a JSON Feed with Lafita's extension, RSS in windows-1256 and
// ISO-8859-6) and broken ones of each. Expected values come from reading the fixtures.
#include "feed_warnings.hpp"
#include "feeds/feed_parser.hpp"
#include "test_paths.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace lafita::feeds {
namespace {

using test::has_warning;

std::string fixture(const std::string& name) { return test::test_data_text("feeds/" + name); }

Time utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
         std::chrono::hours(h) + std::chrono::minutes(min);
}

ParseOptions at(Time now) {
  ParseOptions options;
  options.calendar.now = now;
  return options;
}

Feed parse(const std::string& name, Time now = utc(2023, 3, 15, 12)) {
  return parse_feed(fixture(name), name, at(now));
}

std::string error_of(const std::string& name) {
  try {
    parse(name);
  } catch (const FeedError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST_SUITE("feed_formats") {
  TEST_CASE("WordPress RSS: content:encoded before the excerpt, HTML reduced, scripts gone, dates read") {
    const Feed feed = parse("wordpress-rss.xml");
    CHECK(feed.title == "بلدية المدينة \u2013 الأخبار");  // &#8211; decoded
    CHECK(feed.language == "ar");
    REQUIRE(feed.items.size() == 3);  // the fourth has neither title nor text
    CHECK(has_warning(feed, "wordpress-rss.xml: item 4: has neither a title nor text; left out"));

    const Item& meeting = feed.items[0];
    CHECK(meeting.id == "https://baladiya.example/?p=1203");
    CHECK(meeting.link == "https://baladiya.example/2023/03/regional-meeting/");
    CHECK(meeting.title == "اجتماع إقليمي حول الهجرة مع IOM وUCLG-MEWA");
    CHECK(meeting.body ==
          "استضافت حكومة تركمانستان في 17 مارس 2023 اجتماعاً عبر الإنترنت.\n"
          "المشاركون\n"
          "\u2022 المنظمة الدولية للهجرة (IOM)\n"
          "\u2022 منظمة المدن المتحدة (UCLG-MEWA)");
    CHECK(meeting.published == utc(2023, 3, 14, 10));
    CHECK(meeting.source == feed.title);
    CHECK(meeting.language == "ar");

    const Item& council = feed.items[1];
    CHECK(council.title == "Council session & public hearing");
    CHECK(council.body == "The council meets on Thursday at 18:00.\nAgenda: budget 2024 & roads.\nEntry is free.");
    CHECK(council.published == utc(2023, 3, 13, 7, 30));  // +0100

    const Item& water = feed.items[2];
    CHECK(water.title == "\u202Eتنبيه\u202C مهم: انقطاع الماء");  // the publisher's RLO closed by its PDF
    CHECK(water.body == "ينقطع الماء يوم الأحد من 8:00 إلى 14:00 في حي النصر.");  // escaped HTML description
    CHECK_FALSE(water.published.has_value());
    CHECK(has_warning(feed, "item 3 (line 53).pubDate: not an RFC 822 date: 'not a date'"));
  }

  TEST_CASE("Atom: xhtml and html content, the alternate link, xml:lang inherited and overridden") {
    const Feed feed = parse("atom-xhtml.xml");
    CHECK(feed.title == "مجلس المدينة");
    CHECK(feed.language == "ar");
    REQUIRE(feed.items.size() == 2);
    CHECK(feed.items[0].title == "محضر الجلسة العادية رقم 12");  // type="html"
    CHECK(feed.items[0].body == "صادق المجلس على ميزانية 2024 بأغلبية 21 صوتاً.\nوناقش تقرير لجنة الأشغال (الطريق الدائري).");
    CHECK(feed.items[0].link == "https://majlis.example/minutes/12");  // not the PDF enclosure
    CHECK(feed.items[0].published == utc(2023, 3, 15, 5));  // published, not updated; +03:00
    CHECK(feed.items[0].language == "ar");
    CHECK(feed.items[1].language == "en");
    CHECK(feed.items[1].body == "The council approved the 2024 budget draft and heard the report on roads.");
    CHECK(feed.items[1].published == utc(2023, 3, 1, 9));  // only <updated>
    CHECK(feed.items[1].link == "https://majlis.example/minutes/11");  // a link without rel is alternate
  }

  TEST_CASE("iCalendar: VTIMEZONE, RRULE with EXDATE, a moved and a cancelled occurrence, all-day") {
    const Feed feed = parse("council.ics");  // now: 15 March 2023 12:00 UTC, 31 days ahead
    CHECK(feed.title == "مواعيد المجلس البلدي");
    REQUIRE(feed.items.size() == 4);
    // National day: DTEND 23 March is exclusive, so the last day shown is the 22nd.
    CHECK(feed.items[0].title == "عطلة رسمية: البلدية مغلقة");
    CHECK(feed.items[0].all_day);
    CHECK(feed.items[0].start == utc(2023, 3, 21));
    CHECK(feed.items[0].end == utc(2023, 3, 22));
    CHECK(feed.items[0].expires == utc(2023, 3, 23));
    // 14:00 in "Romance Standard Time" on the day summer time begins there: UTC+2.
    CHECK(feed.items[1].title == "Twinning visit from Lyon");
    CHECK(feed.items[1].start == utc(2023, 3, 26, 12));
    CHECK(feed.items[1].place == "Town hall");
    // Weekly on Mondays from 6 March, 6 times: 20 March excluded, 27 March moved to
    // Tuesday 28 at 12:00 (+03:00), 3 April cancelled, 10 April as planned.
    CHECK(feed.items[2].title == "اجتماع لجنة الأشغال (موعد جديد)");
    CHECK(feed.items[2].start == utc(2023, 3, 28, 9));
    CHECK(feed.items[2].end == utc(2023, 3, 28, 10, 30));
    CHECK(feed.items[3].title == "اجتماع لجنة الأشغال");
    CHECK(feed.items[3].start == utc(2023, 4, 10, 7));
    CHECK(feed.items[3].body == "اجتماع أسبوعي للجنة, مفتوح للعموم.\nجدول الأعمال: الطرقات والإنارة.");  // unfolded
    CHECK(feed.items[3].place == "قاعة الاجتماعات, الطابق الأول");
    CHECK(feed.items[3].language == "ar");
    CHECK(feed.items[3].priority == 4);  // PRIORITY:1, the highest
    CHECK(feed.items[3].id != feed.items[2].id);
  }

  TEST_CASE("iCalendar: the window follows the clock; an occurrence under way is kept") {
    const Feed later = parse("council.ics", utc(2023, 4, 10, 8));  // during the last meeting
    REQUIRE(later.items.size() == 1);
    CHECK(later.items[0].start == utc(2023, 4, 10, 7));
    CHECK(parse("council.ics", utc(2023, 4, 11)).items.empty());
  }

  TEST_CASE("iCalendar: a daily rule since 1990 in a system time zone, across a DST change") {
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:daily\r\nSUMMARY:Opening hours\r\n"
        "DTSTART;TZID=Europe/Paris:19900101T090000\r\nDTEND;TZID=Europe/Paris:19900101T100000\r\n"
        "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const Feed feed = parse_feed(calendar, "daily.ics", at(utc(2023, 3, 15, 12)));
    REQUIRE(feed.items.size() == 31);  // 16 March to 15 April: the 15th's was over at noon
    CHECK(feed.items.front().start == utc(2023, 3, 16, 8));  // 09:00 CET
    CHECK(feed.items[11].start == utc(2023, 3, 27, 7));      // 09:00 CEST, the day after the change
    CHECK(feed.warnings.empty());
  }

  TEST_CASE("iCalendar: of an hourly rule's 745 occurrences in the window the 200 soonest are kept, and it says so") {
    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:flood\r\nSUMMARY:x\r\n"
        "DTSTART:20230315T000000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const Feed feed = parse_feed(calendar, "flood.ics", at(utc(2023, 3, 15)));
    REQUIRE(feed.items.size() == CalendarOptions{}.max_occurrences);
    CHECK(feed.items.front().start == utc(2023, 3, 15));
    CHECK(feed.items.back().start == utc(2023, 3, 15) + std::chrono::hours(199));
    CHECK(has_warning(feed, "flood.ics: VEVENT 1: RRULE: more than 200 occurrences in the next 31 days; the 200 soonest kept"));
  }

  TEST_CASE("JSON Feed: the _lafita extension, HTML content, wrong types as warnings") {
    const Feed feed = parse("events.json");
    REQUIRE(feed.items.size() == 4);
    const Item& workshop = feed.items[0];
    CHECK(workshop.body == "ورشة مفتوحة للعموم في دار الشباب.\nالتسجيل مجاني & إلزامي.");
    CHECK(workshop.start == utc(2023, 3, 20, 8, 30));
    CHECK(workshop.place == "دار الشباب، حي النصر");
    CHECK(workshop.priority == 2);
    CHECK(workshop.expires == utc(2023, 3, 20, 10, 30));
    CHECK(workshop.published == utc(2023, 3, 1, 8));
    CHECK(feed.items[1].language == "en");
    CHECK(has_warning(feed, "events.json: items[3]._lafita.start: not an RFC 3339 date or date-time: 'tomorrow'"));
    CHECK(has_warning(feed, "events.json: items[3]._lafita.priority: expected an integer, got string"));
  }

  TEST_CASE("RSS in windows-1256 and ISO-8859-6 decodes to the same Arabic as UTF-8") {
    const Feed windows = parse("windows-1256-rss.xml");
    REQUIRE(windows.items.size() == 1);
    CHECK(windows.title == "بلدية المدينة");
    CHECK(windows.items[0].title == "جلسة المجلس البلدي يوم الخميس");
    CHECK(windows.items[0].body == "تُعقد الجلسة في قاعة الاجتماعات؛ هل تريد المشاركة؟ سجّل اسمك.");
    const Feed iso = parse("iso-8859-6-rss.xml");
    REQUIRE(iso.items.size() == 1);
    CHECK(iso.items[0].body == "تعقد الجلسة في قاعة الاجتماعات، الساعة 18:00.");
  }

  TEST_CASE("an HTTP charset overrides what the document declares") {
    // The windows-1256 bytes, declared as such, but served as ISO-8859-1: the server wins
    // (RFC 7303), and the result is mojibake, not an error. Expected: the item's title bytes
    // in the fixture (cc e1 d3 c9 20 c7 e1 e3 cc e1 d3 20 c7 e1 c8 e1 cf ed 20 ed e6 e3 20
    // c7 e1 ce e3 ed d3, read with xxd) each as the Latin-1 letter of its value, written out
    // by hand.
    ParseOptions options = at(utc(2023, 3, 15));
    options.charset = "iso-8859-1";
    const Feed feed = parse_feed(fixture("windows-1256-rss.xml"), "served.xml", options);
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items[0].title == "\u00CC\u00E1\u00D3\u00C9 \u00C7\u00E1\u00E3\u00CC\u00E1\u00D3 "
                                 "\u00C7\u00E1\u00C8\u00E1\u00CF\u00ED \u00ED\u00E6\u00E3 "
                                 "\u00C7\u00E1\u00CE\u00E3\u00ED\u00D3");  // "ÌáÓÉ ÇáãÌáÓ ÇáÈáÏí íæã ÇáÎãíÓ"
  }

  TEST_CASE("invalid UTF-8 in a UTF-8 feed is replaced, not fatal") {
    const std::string rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                            "<item><title>caf\xE9 \xD8</title><description>ok</description></item></channel></rss>";
    const Feed feed = parse_feed(rss, "latin1.xml", at(utc(2023, 3, 15)));
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items[0].title == "caf\uFFFD \uFFFD");
    CHECK(has_warning(feed, "latin1.xml: 2 invalid UTF-8 sequences replaced"));
  }

  TEST_CASE("entities are not expanded: no external files, no billion laughs") {
    const std::string external =
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\"><!ENTITY a \"inline\">]>"
        "<rss version=\"2.0\"><channel><title>t</title><item><title>&x;&a;end</title></item></channel></rss>";
    const Feed feed = parse_feed(external, "external.xml", at(utc(2023, 3, 15)));
    REQUIRE(feed.items.size() == 1);
    CHECK(feed.items[0].title == "end");
    std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY a0 \"aaaaaaaaaa\">";
    for (int i = 1; i < 10; ++i) {
      const std::string previous = "&a" + std::to_string(i - 1) + ";";
      std::string value;
      for (int k = 0; k < 10; ++k) value += previous;
      laughs += "<!ENTITY a" + std::to_string(i) + " \"" + value + "\">";
    }
    laughs += "]><rss version=\"2.0\"><channel><item><title>&a9;</title></item></channel></rss>";
    // libxml2 refuses the amplification outright: an error, not ten gigabytes.
    CHECK_THROWS_WITH_AS(parse_feed(laughs, "laughs.xml", at(utc(2023, 3, 15))),
                         doctest::Contains("feed 'laughs.xml': not well-formed XML at line 1"), FeedError);
  }

  TEST_CASE("broken feeds name the file, where and why; what XML recovery can read is kept") {
    const Feed rss = parse("broken-rss.xml");
    REQUIRE(rss.items.size() == 1);
    CHECK(rss.items[0].title == "One");
    CHECK(has_warning(rss, "broken-rss.xml: not well-formed XML at line 4, column 29: Opening and ending tag mismatch: "
                           "description line 4 and item; what could be read is kept"));
    const Feed atom = parse("broken-atom.xml");
    REQUIRE(atom.items.size() == 1);
    CHECK(atom.items[0].title == "x y");  // the undefined entity left out
    CHECK(has_warning(atom, "broken-atom.xml: not well-formed XML at line 3, column 28: Entity 'undefined' not defined; what "
                            "could be read is kept"));
    CHECK(error_of("broken.ics") == "feed 'broken.ics': line 7: END:VCALENDAR where END:VEVENT was expected");
    CHECK(error_of("broken.json") == "feed 'broken.json': not JSON at line 5, column 30");
    // A body cut short recovers to nothing to show: refused, so the last good copy stays.
    CHECK_THROWS_WITH_AS(parse_feed("<rss version=\"2.0\"><channel><item><title>Half", "cut.xml", at(utc(2023, 3, 15))),
                         doctest::Contains("feed 'cut.xml': not well-formed XML at line 1"), FeedError);
    // Bytes that are not ISO-8859-6, in a feed that says it is: the encoding error is the
    // cause, not the "premature end" libxml2 reports last; libxml2 cannot go past it.
    const std::string undecodable =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?><rss><channel><item><title>\xBD x</title></item></channel></rss>";
    CHECK_THROWS_WITH_AS(parse_feed(undecodable, "undecodable.xml", at(utc(2023, 3, 15))),
                         "feed 'undecodable.xml': not well-formed XML at line 1, column 71: input conversion failed "
                         "due to input error, bytes 0xBD 0x20 0x78 0x3C",
                         FeedError);
    // UTF-8 that says it is ISO-8859-6 would be gibberish: it is read as UTF-8, with a warning.
    const std::string mislabelled =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-6\"?><rss><channel><item><title>\u0628\u0644\u062F\u064A\u0629</title>"
        "</item></channel></rss>";
    const Feed utf8 = parse_feed(mislabelled, "mislabelled.xml", at(utc(2023, 3, 15)));
    REQUIRE(utf8.items.size() == 1);
    CHECK(utf8.items[0].title == "\u0628\u0644\u062F\u064A\u0629");
    CHECK(has_warning(utf8, "mislabelled.xml: declared as iso-8859-6, but its text is UTF-8 (every character past ASCII a "
                            "valid UTF-8 sequence); read as UTF-8"));
  }

  TEST_CASE("documents of no known kind, and XML that is no feed, are refused") {
    const auto refuse = [](std::string_view document) {
      try {
        parse_feed(document, "x", at(utc(2023, 3, 15)));
      } catch (const FeedError& e) {
        return std::string(e.what());
      }
      return std::string("(no error)");
    };
    CHECK(refuse("") == "feed 'x': neither a JSON Feed, RSS, Atom nor iCalendar document");
    CHECK(refuse("hello") == "feed 'x': neither a JSON Feed, RSS, Atom nor iCalendar document");
    CHECK(refuse("<html><body>502 Bad Gateway</body></html>") == "feed 'x': <html> is neither RSS, Atom nor CAP");
    CHECK(refuse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n") == "feed 'x': BEGIN:VEVENT at line 2 is never ended");
    // Found by the JSON Feed fuzzer: nlohmann-json throws out_of_range, not parse_error, for
    // a number beyond a double; it escaped and would have ended the updater's thread. Such a
    // number is now read as null, and the version it stood for is missing.
    CHECK(refuse("{\"version\": 4400000E194444444444444444}") ==
          "feed 'x': version: expected \"https://jsonfeed.org/version/1.1\"");
  }

  TEST_CASE("items past the limit are left out with one warning") {
    std::string rss = "<rss version=\"2.0\"><channel><title>t</title>";
    for (int i = 0; i < 250; ++i) rss += "<item><title>n" + std::to_string(i) + "</title></item>";
    rss += "</channel></rss>";
    const Feed feed = parse_feed(rss, "many.xml", at(utc(2023, 3, 15)));
    CHECK(feed.items.size() == 200);
    CHECK(feed.items.back().title == "n199");
    CHECK(has_warning(feed, "many.xml: 50 items past the limit of 200 left out"));
  }
}

}  // namespace
}  // namespace lafita::feeds
