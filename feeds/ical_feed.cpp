#include "feeds/ical_feed.hpp"

#include "feeds/ical_handles.hpp"
#include "feeds/ical_zones.hpp"
#include "feeds/time_parsing.hpp"
#include "feeds/untrusted_text.hpp"

#include <unicode/timezone.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <vector>

namespace lafita::feeds {

namespace {

// Components nest VCALENDAR > VEVENT > VALARM in practice; libical frees them recursively.
constexpr size_t kMaxNesting = 8;

std::string origin_message(std::string_view origin, const std::string& why) {
  return "feed '" + std::string(origin) + "': " + why;
}

// Checks the shape libical glosses over: BEGIN and END lines that match, no deeper than
// kMaxNesting, and a VCALENDAR at the top. Lines are counted as written (folded lines count).
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
    const auto at_line = [&](const std::string& why) {
      return FeedError(origin_message(origin, "line " + std::to_string(line_number) + ": " + why));
    };
    if (line.rfind("BEGIN:", 0) == 0) {
      if (open.empty() && line != "BEGIN:VCALENDAR") throw at_line("expected BEGIN:VCALENDAR");
      if (open.size() == kMaxNesting) throw at_line("components nested deeper than " + std::to_string(kMaxNesting));
      calendars += open.empty() ? 1 : 0;
      open.emplace_back(line.substr(6), line_number);
    } else if (line.rfind("END:", 0) == 0) {
      if (open.empty() || open.back().first != line.substr(4)) {
        const std::string expected = open.empty() ? "nothing open" : "END:" + open.back().first;
        throw at_line(std::string(line.substr(0, 100)) + " where " + expected + " was expected");
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

// One occurrence of an event in the window.
struct Occurrence {
  Event event;
  Time start;
};

// Steps of libical's recurrence iterator per second of the time a rule walks through, in
// steps of about 3 us (libical 3.0.16 on a PC: an HOURLY or DAILY step 3 us, a MONTHLY one
// 34 us, a YEARLY one 94 us, whether they yield an occurrence or not).
double steps_per_second(icalrecurrencetype_frequency frequency) {
  switch (frequency) {
    case ICAL_HOURLY_RECURRENCE: return 1.0 / 3600;
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE: return 1.0 / 86400;
    case ICAL_MONTHLY_RECURRENCE: return 10.0 / (86400 * 30.4);
    case ICAL_YEARLY_RECURRENCE: return 30.0 / (86400 * 365.25);
    default: return 1.0;  // SECONDLY and MINUTELY rules are refused before
  }
}

std::string iso_date(Time time) { return format_iso_utc(time).substr(0, 10); }

// How many values a BY part holds (libical ends each list with ICAL_RECURRENCE_ARRAY_MAX).
template <size_t N>
std::vector<short> values(const short (&list)[N]) {
  std::vector<short> found;
  for (size_t i = 0; i < N && list[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) found.push_back(list[i]);
  return found;
}

// Why a rule can never match, for the combinations that make libical's MONTHLY and YEARLY
// expansion look for a day year after year up to 2582, whatever UNTIL says (a quarter of
// a second on a PC, seconds on a Pi, per rule): month days or year days no month of the
// rule has (Feb 30), weekday ordinals past the fifth of a month or the 53rd of a year.
// Empty when it may match. Not a judge of every rule: the time budget catches the rest.
std::string never_matches(const icalrecurrencetype& rule) {
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // a leap year's
  std::vector<short> months = values(rule.by_month);
  if (months.empty()) months = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  const auto fits = [](int day, int length) { return day != 0 && std::abs(day) <= length; };
  const std::vector<short> month_days = values(rule.by_month_day);
  if (!month_days.empty() && std::none_of(months.begin(), months.end(), [&](short m) {
        return m >= 1 && m <= 12 && std::any_of(month_days.begin(), month_days.end(), [&](short d) { return fits(d, kDays[m - 1]); });
      })) {
    return "BYMONTHDAY has no day that its months have";
  }
  const std::vector<short> year_days = values(rule.by_year_day);
  if (!year_days.empty() && !values(rule.by_month).empty()) {
    // Year days of each month, in a leap year and not, counted from the start and the end.
    const bool some = std::any_of(months.begin(), months.end(), [&](short m) {
      if (m < 1 || m > 12) return false;
      for (const int leap : {0, 1}) {
        int first = 1;
        for (int k = 0; k < m - 1; ++k) first += kDays[k] - (k == 1 && !leap ? 1 : 0);
        const int last = first + kDays[m - 1] - (m == 2 && !leap ? 1 : 0) - 1, length = 365 + leap;
        for (const short d : year_days) {
          const int day = d > 0 ? d : length + 1 + d;
          if (day >= first && day <= last) return true;
        }
      }
      return false;
    });
    if (!some) return "BYYEARDAY has no day in its BYMONTH";
  }
  const std::vector<short> week_days = values(rule.by_day);
  const bool by_month = rule.freq == ICAL_MONTHLY_RECURRENCE || !values(rule.by_month).empty();
  const int ordinal_limit = by_month ? 5 : 53;
  if (!week_days.empty() && std::all_of(week_days.begin(), week_days.end(), [&](short day) {
        return std::abs(icalrecurrencetype_day_position(day)) > ordinal_limit;
      })) {
    return "BYDAY asks for weekdays past the " + std::to_string(ordinal_limit) + "th of their " + (by_month ? "month" : "year");
  }
  return {};
}

class CalendarReader {
 public:
  CalendarReader(std::string_view origin, const CalendarOptions& options, Feed& feed)
      : origin_(origin), options_(options), feed_(feed), floating_zone_(screen_zone()),
        deadline_(std::chrono::steady_clock::now() + options.time_budget), steps_left_(options.step_budget) {}

  // Single events first, then recurring ones: a calendar that spends its budget on rules
  // still shows its single events.
  void read(icalcomponent* calendar) {
    feed_.title = text_of_calendar(calendar, "X-WR-CALNAME");
    collect_overrides(calendar);
    std::vector<std::pair<icalcomponent*, size_t>> recurring;
    size_t index = 0, skipped = 0;
    for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
         event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT), ++index) {
      const bool recurs = icalcomponent_get_first_property(event, ICAL_RRULE_PROPERTY) ||
                          icalcomponent_get_first_property(event, ICAL_RDATE_PROPERTY);
      if (recurs) {
        recurring.emplace_back(event, index);
      } else if (out_of_budget()) {
        ++skipped;
      } else {
        read_component(event, index);
      }
    }
    for (size_t k = 0; k < recurring.size(); ++k) {
      if (out_of_budget()) {
        skipped += recurring.size() - k;
        break;
      }
      read_component(recurring[k].first, recurring[k].second);
    }
    if (skipped > 0) {
      feed_.warnings.push_back(std::string(origin_) + ": " + std::to_string(skipped) +
                               " events left out: the calendar took more than its budget (" +
                               std::to_string(options_.time_budget.count()) + " ms, " +
                               std::to_string(options_.step_budget) + " recurrence steps)");
    }
  }

  // The soonest occurrences, at most max_occurrences of them, as items.
  void finish() {
    std::stable_sort(occurrences_.begin(), occurrences_.end(),
                     [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    const size_t found = occurrences_.size() + dropped_;
    if (occurrences_.size() > options_.max_occurrences) occurrences_.resize(options_.max_occurrences);
    if (found > occurrences_.size()) {
      feed_.warnings.push_back(std::string(origin_) + ": " + std::to_string(found) + " occurrences in the next " +
                               std::to_string(options_.ahead.count()) + " days; the " +
                               std::to_string(occurrences_.size()) + " soonest kept");
    }
    for (const Occurrence& occurrence : occurrences_) feed_.items.push_back(make_item(occurrence));
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

  // Whether the calendar has used up its time or its steps. Throws FeedCancelled when the
  // program is stopping.
  bool out_of_budget() {
    if (options_.cancelled && options_.cancelled->load()) throw FeedCancelled(origin_message(origin_, "cancelled"));
    return steps_left_ == 0 || std::chrono::steady_clock::now() > deadline_;
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
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_RRULE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_RRULE_PROPERTY)) {
      // A rule left out still has its first occurrence: DTSTART (RFC 5545 3.8.5.3).
      if (!expand(event, icalproperty_get_rrule(p), where, starts)) starts.insert(to_time(event.start, floating_zone_));
    }
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_RDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_RDATE_PROPERTY)) {
      const icaldatetimeperiodtype rdate = icalproperty_get_rdate(p);
      if (!icaltime_is_null_time(rdate.time)) starts.insert(to_time(rdate.time, floating_zone_));
      if (!take_step(where)) return {};
    }
    for (icalproperty* p = icalcomponent_get_first_property(event.component, ICAL_EXDATE_PROPERTY); p;
         p = icalcomponent_get_next_property(event.component, ICAL_EXDATE_PROPERTY)) {
      excluded.insert(to_time(icalproperty_get_datetime_with_component(p, event.component), floating_zone_));
      if (!take_step(where)) return {};  // half its exclusions would show cancelled occurrences
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

  // Counts one step (an RDATE or EXDATE read); false, with a warning, when none is left.
  bool take_step(const std::string& where) {
    if (steps_left_ > 0) {
      --steps_left_;
      return true;
    }
    feed_.warnings.push_back(where + ": its RDATEs and EXDATEs go past the calendar's budget of steps; left out");
    return false;
  }

  // Adds the starts of `rule`'s occurrences that may fall in the window to `starts`. False
  // when the rule is left out (with a warning): too fine for a screen, not one libical
  // takes, or costing more steps than the calendar has left. libical never walks past the
  // window: the rule's UNTIL is brought forward to its end.
  bool expand(const Event& event, icalrecurrencetype rule, const std::string& where, std::set<Time>& starts) {
    if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE) {
      feed_.warnings.push_back(where + ": RRULE: FREQ=" + icalrecur_freq_to_string(rule.freq) +
                               " repeats more often than hourly, too often for a screen; rule ignored");
      return false;
    }
    if (const std::string never = never_matches(rule); !never.empty()) {
      feed_.warnings.push_back(where + ": RRULE: " + never + ", so it never matches; rule ignored");
      return false;
    }
    const Time last = options_.now + options_.ahead;
    const Time walk_end = last + std::chrono::days(1);
    if (icaltime_is_null_time(rule.until) || to_time(rule.until, floating_zone_) > walk_end) {
      rule.until = local_time(walk_end, event.start);
    }
    const IcalRecurIterator it(icalrecur_iterator_new(rule, event.start));
    if (!it) {
      feed_.warnings.push_back(where + ": RRULE: " + icalerror_strerror(icalerrno) + "; rule ignored");
      return false;
    }
    const Time from = skip_to_window(it.get(), rule, event).value_or(to_time(event.start, floating_zone_));
    const double rate = steps_per_second(rule.freq);
    const auto seconds = [](Time a, Time b) { return static_cast<double>(std::max<int64_t>(0, (b - a).count())); };
    const auto estimate = static_cast<size_t>(seconds(from, std::min(walk_end, to_time(rule.until, floating_zone_))) * rate) + 1;
    if (estimate > steps_left_) {
      feed_.warnings.push_back(where + ": RRULE: expanding it from " + iso_date(from) + " would take about " +
                               std::to_string(estimate) + " steps, more than the calendar has left (of " +
                               std::to_string(options_.step_budget) + "); rule ignored");
      return false;
    }
    size_t calls = 0, found = 0;
    bool ended = true;
    Time reached = from;
    for (icaltimetype t = icalrecur_iterator_next(it.get()); !icaltime_is_null_time(t); t = icalrecur_iterator_next(it.get())) {
      ++calls;
      reached = to_time(t, floating_zone_);
      if (found == options_.max_occurrences && reached <= last) {
        feed_.warnings.push_back(where + ": RRULE: more than " + std::to_string(found) + " occurrences in the next " +
                                 std::to_string(options_.ahead.count()) + " days; the " + std::to_string(found) +
                                 " soonest kept");
      }
      if (reached > last || found >= options_.max_occurrences || (calls % 64 == 0 && out_of_budget())) {
        ended = false;
        break;
      }
      if (!over(reached, event.duration)) starts.insert(reached), ++found;
    }
    // A rule that ran out by its UNTIL (brought to the window's end) walked all the way; one
    // that ran out of COUNT, or was stopped, walked as far as its last occurrence.
    const bool counted_out = ended && rule.count > 0 && calls == static_cast<size_t>(rule.count);
    const size_t used = ended && !counted_out ? estimate : std::max(calls, static_cast<size_t>(seconds(from, reached) * rate));
    steps_left_ -= std::min(steps_left_, used);
    return true;
  }

  // `time` in the zone of `like` (floating stays floating), a date when `like` is one.
  icaltimetype local_time(Time time, const icaltimetype& like) const {
    icaltimezone* zone = const_cast<icaltimezone*>(like.zone);
    if (zone == nullptr) zone = like.is_date ? icaltimezone_get_utc_timezone() : floating_zone_;
    icaltimetype local = icaltime_from_timet_with_zone(time.time_since_epoch().count(), like.is_date, zone);
    local.zone = like.zone;
    return local;
  }

  // Whether an occurrence is over at `now`; one without a length lasts its instant.
  bool over(Time start, std::chrono::seconds duration) const {
    return duration.count() == 0 ? start < options_.now : start + duration <= options_.now;
  }

  // A rule without COUNT can start at the window (less an occurrence's length) instead of
  // at DTSTART, years back; libical cannot do this for counted rules. Returns where the
  // iterator starts when it moved it.
  std::optional<Time> skip_to_window(icalrecur_iterator* it, const icalrecurrencetype& rule, const Event& event) const {
    if (rule.count != 0) return std::nullopt;
    const Time from = options_.now - event.duration;
    if (from <= to_time(event.start, floating_zone_)) return std::nullopt;
    if (!icalrecur_iterator_set_start(it, local_time(from, event.start))) return std::nullopt;
    return from;
  }

  // Keeps an occurrence that is not over and begins in the window. Of very many, only the
  // soonest are kept as they come, so that memory stays bounded.
  void add(const Event& event, Time start) {
    if (over(start, event.duration) || start > options_.now + options_.ahead) return;
    occurrences_.push_back({event, start});
    if (occurrences_.size() < 4 * options_.max_occurrences) return;
    const auto keep = occurrences_.begin() + static_cast<ptrdiff_t>(options_.max_occurrences);
    std::nth_element(occurrences_.begin(), keep, occurrences_.end(),
                     [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
    dropped_ += occurrences_.size() - options_.max_occurrences;
    occurrences_.erase(keep, occurrences_.end());
  }

  Item make_item(const Occurrence& occurrence) const {
    const Event& event = occurrence.event;
    const Time start = occurrence.start, end = start + event.duration;
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
    return item;
  }

  std::string_view origin_;
  const CalendarOptions& options_;
  Feed& feed_;
  icaltimezone* floating_zone_;
  std::chrono::steady_clock::time_point deadline_;
  size_t steps_left_;
  std::map<std::string, std::set<Time>> overridden_;
  std::vector<Occurrence> occurrences_;
  size_t dropped_ = 0;  // occurrences in the window past the soonest kept
};

}  // namespace

Feed parse_ical_feed(std::string_view document, std::string_view origin, const CalendarOptions& options) {
  check_structure(document, origin);
  std::string text;
  if (repair_utf8(document, text) == 0) text.assign(document);
  const IcalComponent root(icalparser_parse_string(text.c_str()));
  if (!root) throw FeedError(origin_message(origin, "not an iCalendar document"));
  Feed feed;
  secure_time_zones(root.get(), origin, feed.warnings);
  CalendarReader reader(origin, options, feed);
  if (icalcomponent_isa(root.get()) == ICAL_VCALENDAR_COMPONENT) {
    reader.read(root.get());
  } else {  // several calendars in one file: libical puts them under an XROOT
    for (icalcomponent* calendar = icalcomponent_get_first_component(root.get(), ICAL_VCALENDAR_COMPONENT); calendar;
         calendar = icalcomponent_get_next_component(root.get(), ICAL_VCALENDAR_COMPONENT)) {
      reader.read(calendar);
    }
  }
  reader.finish();
  return feed;
}

}  // namespace lafita::feeds
