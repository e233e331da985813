// Arbitrary bytes through one feed parser and the sanitiser (LAFITA_FEED_FORMAT picks the
// parser: 0 JSON Feed, 1 RSS/Atom, 2 iCalendar, 3 CAP alerts read as an alert feed is, then
// the choice of the alerts in force). A crash, a sanitizer report, a hang or a
// broken promise of untrusted_text.hpp (feed_invariants.hpp) is a finding; a FeedError is
// the parser doing its job.

#include "feed_invariants.hpp"
#include "feeds/alerts.hpp"
#include "feeds/feed_parser.hpp"
#include "feeds/ical_feed.hpp"
#include "feeds/json_feed.hpp"
#include "feeds/xml_feed.hpp"

#include <libxml/parser.h>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lafita::feeds;
  const std::string_view document(reinterpret_cast<const char*>(data), size);
  try {
    Feed feed;
    switch (LAFITA_FEED_FORMAT) {
      case 0: feed = parse_json_feed(document, "fuzz"); break;
      case 1: feed = parse_xml_feed(document, "fuzz"); break;
      case 3: {
        feed = parse_xml_feed(document, "fuzz", {}, 800, "ar");
        sanitise_feed(feed, TextLimits{}, "fuzz");
        lafita::fuzz::check_feed(feed);
        AlertFilter filter;
        filter.statuses = {"Actual", "Test", "Exercise"};
        filter.areas = {"Sfax"};
        filter.geocodes = {"TN-GOV=61"};
        for (const Item& alert : active_alerts({&feed}, Time(std::chrono::seconds(1764504000)), filter)) {
          lafita::fuzz::require(alert.alert.has_value() && alert.alert->message_type != "Cancel", "a Cancel shown", alert.id);
        }
        return 0;
      }
      default: {
        CalendarOptions window;
        window.now = Time(std::chrono::seconds(1678874400));  // 15 March 2023
        feed = parse_ical_feed(document, "fuzz", window);
        break;
      }
    }
    sanitise_feed(feed, TextLimits{}, "fuzz", "https://fuzz.example/feeds/feed.xml");  // pictures resolved against it
    lafita::fuzz::check_feed(feed);
  } catch (const FeedError&) {
  }
  return 0;
}
