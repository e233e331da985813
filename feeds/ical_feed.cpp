#include "feeds/ical_feed.hpp"

#include "feeds/ical_handles.hpp"
#include "feeds/untrusted_text.hpp"

#include <unicode/timezone.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace lafita::feeds {

namespace {

// Steps of libical's recurrence iterator per calendar, however few occurrences they
// yield: bounds the work a hostile calendar (FREQ=SECONDLY from 1970) can cause.
constexpr size_t kMaxRecurrenceSteps = 20000;

std::string origin_message(std::string_view origin, const std::string& why) {
  return "feed '" + std::string(origin) + "': " + why;
}

// Checks the shape libical glosses over: BEGIN and END lines that match, and a VCALENDAR
// at the top. Lines are counted as written (folded lines count).
void check_structure(std::string_view document, std::string_view origin) {
  std::vector<std::pair<std::string, size_t>> open;  // component name, line
  size_t line_number = 0, calendars = 0;
  for (size_t start = 0; start < document.size();) {
    size_t end = document.find('\n', start);
    if (end == std::string_view::npos) end = document.size();
    std::string_view line = document.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("BEGIN:", 0) == 0) {
      if (open.empty() && line != "BEGIN:VCALENDAR") {
        throw FeedError(origin_message(origin, "line " + std::to_string(line_number) + ": expected BEGIN:VCALENDAR"));
      }
      calendars += open.empty() ? 1 : 0;
      open.emplace_back(line.substr(6), line_number);
    } else if (line.rfind("END:", 0) == 0) {
      if (open.empty() || open.back().first != line.substr(4)) {
        const std::string expected = open.empty() ? "nothing open" : "END:" + open.back().first;
        throw FeedError(origin_message(origin, "line " + std::to_string(line_number) + ": " + std::string(line) +
                                                   " where " + expected + " was expected"));
      }
      open.pop_back();
    }
  }
  if (!open.empty()) {
    throw FeedError(origin_message(origin, "BEGIN:" + open.back().first + " at line " +
                                               std::to_string(open.back().second) + " is never ended"));
  }
  if (calendars == 0) throw FeedError(origin_message(origin, "not an iCalendar document: no BEGIN:VCALENDAR"));
}

std::string text_property(icalcomponent* event, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(event, kind);
  if (property == nullptr) return {};
  const char* value = icalproperty_get_value_as_string(property);
  if (kind == ICAL_SUMMARY_PROPERTY || kind == ICAL_DESCRIPTION_PROPERTY || kind == ICAL_LOCATION_PROPERTY) {
    const icalvalue* text = icalproperty_get_value(property);
    value = text && icalvalue_isa(text) == ICAL_TEXT_VALUE ? icalvalue_get_text(text) : value;
  }
  return value ? value : "";
}

// The LANGUAGE parameter of a property ("SUMMARY;LANGUAGE=ar:..."); empty when none.
std::string language_of(icalcomponent* event, icalproperty_kind kind) {
  icalproperty* property = icalcomponent_get_first_property(event, kind);
  icalparameter* language = property ? icalproperty_get_first_parameter(property, ICAL_LANGUAGE_PARAMETER) : nullptr;
  const char* value = language ? icalparameter_get_language(language) : nullptr;
  return value ? value : "";
}

// The screen's zone, for floating times: ICU's default (set from --time-zone or TZ).
icaltimezone* screen_zone() {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createDefault());
  icu::UnicodeString id;
  zone->getID(id);
  std::string name;
  id.toUTF8String(name);
  icaltimezone* found = icaltimezone_get_builtin_timezone(name.c_str());
  return found ? found : icaltimezone_get_utc_timezone();
}

// Seconds since the epoch of a time as the calendar writes it. Dates are midnight UTC
// (Lafita's all-day convention), floating times are the screen's.
Time to_time(icaltimetype time, icaltimezone* floating_zone) {
  icaltimezone* zone = const_cast<icaltimezone*>(time.zone);
  if (time.is_date || icaltime_is_utc(time)) zone = icaltimezone_get_utc_timezone();
  if (zone == nullptr) zone = floating_zone;
  return Time(std::chrono::seconds(icaltime_as_timet_with_zone(time, zone)));
}

// One event as found in the calendar, before expansion.
struct Event {
  icalcomponent* component;
  icaltimetype start;
  std::chrono::seconds duration;
};

std::optional<Event> read_event(icalcomponent* component, icaltimezone* floating_zone) {
  const icaltimetype start = icalcomponent_get_dtstart(component);
  if (icaltime_is_null_time(start) || !icaltime_is_valid_time(start)) return std::nullopt;
  const icaltimetype end = icalcomponent_get_dtend(component);
  std::chrono::seconds duration(0);
  if (!icaltime_is_null_time(end)) {
    duration = std::max(std::chrono::seconds(0), to_time(end, floating_zone) - to_time(start, floating_zone));
  } else if (start.is_date) {
    duration = std::chrono::hours(24);  // RFC 5545 3.6.1: a date without an end lasts the day
  }
  return Event{component, start, duration};
}

class CalendarReader {
 public:
  CalendarReader(std::string_view origin, const CalendarWindow& window, Feed& feed)
      : origin_(origin), window_(window), feed_(feed), floating_zone_(screen_zone()) {}

  void read(icalcomponent* calendar) {
    feed_.title = text_of_calendar(calendar, "X-WR-CALNAME");
    collect_overrides(calendar);
    size_t index = 0;
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT), ++index) {
      read_component(event, index);
    }
  }

 private:
  static std::string text_of_calendar(icalcomponent* calendar, const char* x_name) {
    for (icalproperty* p = icalcomponent_get_first_property(calendar, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(calendar, ICAL_X_PROPERTY)) {
      if (std::string_view(icalproperty_get_x_name(p) ? icalproperty_get_x_name(p) : "") == x_name) {
        const char* value = icalproperty_get_x(p);
        return value ? value : "";
      }
    }
    return {};
  }

  // Occurrences replaced by an event of their own (RECURRENCE-ID), by UID.
  void collect_overrides(icalcomponent* calendar) {
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
      icalproperty* id = icalcomponent_get_first_property(event, ICAL_RECURRENCEID_PROPERTY);
      const char* uid = icalcomponent_get_uid(event);
      if (id == nullptr || uid == nullptr) continue;
      // With its TZID resolved against the calendar's VTIMEZONEs, like DTSTART.
      overridden_[uid].insert(to_time(icalproperty_get_datetime_with_component(id, event), floating_zone_));
    }
  }

  void read_component(icalcomponent* component, size_t index) {
    const std::string where = std::string(origin_) + ": VEVENT " + std::to_string(index + 1);
    if (icalcomponent_get_status(component) == ICAL_STATUS_CANCELLED) return;
    const auto event = read_event(component, floating_zone_);
    if (!event) {
      feed_.warnings.push_back(where + ": no valid DTSTART; left out");
      return;
    }
    const bool is_override = !icaltime_is_null_time(icalcomponent_get_recurrenceid(component));
    const bool recurs = icalcomponent_get_first_property(component, ICAL_RRULE_PROPERTY) ||
                        icalcomponent_get_first_property(component, ICAL_RDATE_PROPERTY);
    if (is_override || !recurs) {
      add(*event, to_time(event->start, floating_zone_));
      return;
    }
    for (const Time start : occurrences(*event, where)) add(*event, start);
  }

  // Starts of a recurring event's occurrences that may fall in the window.
  std::vector<Time> occurrences(const Event& event, const std::string& where) {
    std::set<Time> starts, excluded;
    const Time last = window_.now + window_.ahead;
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_RRULE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_RRULE_PROPERTY)) {
      const icalrecurrencetype rule = icalproperty_get_rrule(p);
      const IcalRecurIterator it(icalrecur_iterator_new(rule, event.start));
      if (!it) {
        feed_.warnings.push_back(where + ": RRULE: " + icalerror_strerror(icalerrno) + "; rule ignored");
        continue;
      }
      skip_to_window(it.get(), rule, event);
      for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t) && steps_left_ > 0;
           t = icalrecur_iterator_next(it.get()), --steps_left_) {
        const Time start = to_time(t, floating_zone_);
        if (start > last || starts.size() >= window_.max_occurrences) break;
        if (start + event.duration > window_.now) starts.insert(start);
      }
    }
    if (steps_left_ == 0) feed_.warnings.push_back(where + ": RRULE: too many steps to expand; later occurrences left out");
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_RDATE_PROPERTY)) {
      const icaldatetimeperiodtype rdate = icalproperty_get_rdate(p);
      if (!icaltime_is_null_time(rdate.time)) starts.insert(to_time(rdate.time, floating_zone_));
    }
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_EXDATE_PROPERTY)) {
      excluded.insert(to_time(icalproperty_get_datetime_with_component(p, event.component), floating_zone_));
    }
    const char* uid = icalcomponent_get_uid(event.component);
    const auto overrides = uid ? overridden_.find(uid) : overridden_.end();
    std::vector<Time> kept;
    for (const Time start : starts) {
      const bool replaced = overrides != overridden_.end() && overrides->second.count(start) > 0;
      if (!excluded.count(start) && !replaced) kept.push_back(start);
    }
    return kept;
  }

  // A rule without COUNT can start at the window (less an occurrence's length) instead of
  // at DTSTART, years back; libical cannot do this for counted rules, nor for floating times.
  void skip_to_window(icalrecur_iterator* it, const icalrecurrencetype& rule, const Event& event) const {
    if (rule.count != 0 || event.start.zone == nullptr || event.start.is_date) return;
    const Time from = window_.now - event.duration;
    if (from <= to_time(event.start, floating_zone_)) return;
    icaltimezone* zone = const_cast<icaltimezone*>(event.start.zone);
    icalrecur_iterator_set_start(it, icaltime_from_timet_with_zone(from.time_since_epoch().count(), 0, zone));
  }

  void add(const Event& event, Time start) {
    const Time end = start + event.duration;
    if (end <= window_.now && !(event.duration.count() == 0 && end == window_.now)) return;
    if (start > window_.now + window_.ahead || feed_.items.size() >= window_.max_occurrences) return;
    Item item;
    const char* uid = icalcomponent_get_uid(event.component);
    item.id = std::string(uid ? uid : "") + "@" + std::to_string(start.time_since_epoch().count());
    item.title = text_property(event.component, ICAL_SUMMARY_PROPERTY);
    item.language = language_of(event.component, ICAL_SUMMARY_PROPERTY);
    item.body = text_property(event.component, ICAL_DESCRIPTION_PROPERTY);
    item.place = text_property(event.component, ICAL_LOCATION_PROPERTY);
    item.link = text_property(event.component, ICAL_URL_PROPERTY);
    item.source = feed_.title;
    item.start = start;
    // All-day DTEND is exclusive (RFC 5545 3.6.1); an item's end date is the last day shown.
    if (event.start.is_date && event.duration > std::chrono::hours(24)) item.end = end - std::chrono::hours(24);
    if (!event.start.is_date && event.duration.count() > 0) item.end = end;
    item.all_day = event.start.is_date;
    item.expires = std::max(end, start);
    icalproperty* priority_property = icalcomponent_get_first_property(event.component, ICAL_PRIORITY_PROPERTY);
    const int priority = priority_property ? icalproperty_get_priority(priority_property) : 0;
    item.priority = priority >= 1 && priority <= 9 ? 5 - priority : 0;  // RFC 5545: 1 highest, 9 lowest
    feed_.items.push_back(std::move(item));
  }

  std::string_view origin_;
  const CalendarWindow& window_;
  Feed& feed_;
  icaltimezone* floating_zone_;
  std::map<std::string, std::set<Time>> overridden_;
  size_t steps_left_ = kMaxRecurrenceSteps;
};

}  // namespace

Feed parse_ical_feed(std::string_view document, std::string_view origin, const CalendarWindow& window) {
  check_structure(document, origin);
  std::string text;
  if (repair_utf8(document, text) == 0) text.assign(document);
  const IcalComponent root(icalparser_parse_string(text.c_str()));
  if (!root) throw FeedError(origin_message(origin, "not an iCalendar document"));
  Feed feed;
  CalendarReader reader(origin, window, feed);
  if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
    reader.read(root.get());
  } else {  // several calendars in one file: libical puts them under an XROOT
    for (icalcomponent* calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT); calendar;
         calendar = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT)) {
      reader.read(calendar);
    }
  }
  std::stable_sort(feed.items.begin(), feed.items.end(), [](const Item& a, const Item& b) { return *a.start < *b.start; });
  return feed;
}

}  // namespace lafita::feeds
