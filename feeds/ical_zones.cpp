#include "feeds/ical_zones.hpp"

#include "feeds/ical_handles.hpp"

#include "feeds/untrusted_text.hpp"

#include <unicode/timezone.h>

#include <algorithm>
#include <map>
#include <set>

namespace lafita::feeds {

namespace {

constexpr size_t kMaxObservances = 500;
constexpr size_t kMaxZoneDates = 5000;

// How many values a BY part holds (libical ends each list with ICAL_RECURRENCE_ARRAY_MAX).
template <size_t N>
size_t count(const short (&values)[N]) {
  size_t n = 0;
  while (n < N && values[n] != ICAL_RECURRENCE_ARRAY_MAX) ++n;
  return n;
}

// Why a VTIMEZONE observance's RRULE is not a yearly transition; empty when it is one.
std::string unusual_rule(const icalrecurrencetype& rule) {
  if (rule.freq != ICAL_YEARLY_RECURRENCE) return std::string("FREQ=") + icalrecur_freq_to_string(rule.freq) + ", not YEARLY";
  if (count(rule.by_hour) || count(rule.by_minute) || count(rule.by_second) || count(rule.by_year_day) ||
      count(rule.by_week_no) || count(rule.by_set_pos)) {
    return "BYHOUR, BYMINUTE, BYSECOND, BYYEARDAY, BYWEEKNO or BYSETPOS";
  }
  if (count(rule.by_month) > 1 || count(rule.by_day) > 1 || count(rule.by_month_day) > 7) {
    return "more than one month, one weekday or seven month days";
  }
  return {};
}

// Why a VTIMEZONE cannot be used; empty when it can.
std::string unusable_zone(icalcomponent* zone) {
  size_t observances = 0, dates = 0;
  for (icalcomponent* part = icalcomponent_get_first_component(zone, ICAL_ANY_COMPONENT); part;
       part = icalcomponent_get_next_component(zone, ICAL_ANY_COMPONENT)) {
    if (++observances > kMaxObservances) return "more than " + std::to_string(kMaxObservances) + " observances";
    for (icalproperty* p = icalcomponent_get_first_property(part, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(part, ICAL_ANY_PROPERTY)) {
      if (icalproperty_isa(p) == ICAL_RDATE_PROPERTY && ++dates > kMaxZoneDates) {
        return "more than " + std::to_string(kMaxZoneDates) + " RDATEs";
      }
      if (icalproperty_isa(p) != ICAL_RRULE_PROPERTY) continue;
      const std::string why = unusual_rule(icalproperty_get_rrule(p));
      if (!why.empty()) return "an observance's RRULE has " + why;
    }
  }
  return {};
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// `id` when ICU knows it as a zone, else the end of it after a '/' that ICU knows (a
// vendor's prefix dropped), else the IANA name of it as a Windows zone name; empty when
// none. Whatever is returned is a name from ICU's list, never a path the feed made up.
std::string known_zone(std::string_view id) {
  if (id.empty() || id.size() > 200) return {};
  for (size_t from = 0; from < id.size(); from = id.find('/', from) + 1) {
    const std::string_view tail = id.substr(from);
    icu::UnicodeString canonical;
    UBool system = false;
    UErrorCode status = U_ZERO_ERROR;
    icu::TimeZone::getCanonicalID(icu::UnicodeString::fromUTF8(icu::StringPiece(tail.data(), static_cast<int32_t>(tail.size()))),
                                  canonical, system, status);
    if (U_SUCCESS(status) && system && tail != "Etc/Unknown") return std::string(tail);
    if (id.find('/', from) == std::string_view::npos) break;
  }
  icu::UnicodeString windows;
  UErrorCode status = U_ZERO_ERROR;
  icu::TimeZone::getIDForWindowsID(icu::UnicodeString::fromUTF8(icu::StringPiece(id.data(), static_cast<int32_t>(id.size()))),
                                   nullptr, windows, status);
  return U_SUCCESS(status) && !windows.isEmpty() ? to_utf8(windows) : std::string();
}

// A name from the feed, fit for a log line: controls gone, at most 100 bytes.
std::string shown(const std::string& name) { return clean_line(name, 100); }

// Removes every VTIMEZONE that is not a calendar's own (one inside an event would still be
// found by libical from that event, unchecked). Components nest at most 8 deep (the
// structure check).
void remove_nested_zones(icalcomponent* component, std::string_view origin, std::vector<std::string>& warnings,
                         int depth = 0) {
  std::vector<icalcomponent*> nested;
  for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
       child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
    const bool zone = icalcomponent_isa(child) == ICAL_VTIMEZONE_COMPONENT;
    if (zone && icalcomponent_isa(component) != ICAL_VCALENDAR_COMPONENT) {
      nested.push_back(child);
    } else if (!zone && depth < 8) {
      remove_nested_zones(child, origin, warnings, depth + 1);
    }
  }
  for (icalcomponent* zone : nested) {
    warnings.push_back(std::string(origin) + ": a VTIMEZONE inside a " + icalcomponent_kind_to_string(icalcomponent_isa(component)) +
                       ", not the calendar; left out");
    icalcomponent_remove_component(component, zone);
    const IcalComponent removed(zone);
  }
}

// One calendar's time zones: its VTIMEZONEs checked, then every TZID of its components.
class ZoneGuard {
 public:
  ZoneGuard(std::string_view origin, std::vector<std::string>& warnings) : origin_(origin), warnings_(warnings) {}

  // Removes the VTIMEZONEs of `calendar` that cannot be used; keeps the names of the rest.
  void check_zones(icalcomponent* calendar) {
    std::vector<icalcomponent*> unusable;
    for (icalcomponent* zone = icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT); zone;
         zone = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
      icalproperty* id = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY);
      const std::string name = id && icalproperty_get_tzid(id) ? icalproperty_get_tzid(id) : "";
      const std::string why = name.empty() ? "it has no TZID" : unusable_zone(zone);
      if (why.empty()) {
        zones_.insert(name);
        continue;
      }
      warnings_.push_back(std::string(origin_) + ": VTIMEZONE '" + shown(name) + "': " + why + "; left out");
      unusable.push_back(zone);
    }
    for (icalcomponent* zone : unusable) {
      icalcomponent_remove_component(calendar, zone);
      const IcalComponent removed(zone);
    }
  }

  // Every TZID parameter below `component` (VTIMEZONEs aside) made one libical can resolve
  // without reading a file the feed chose.
  void check_references(icalcomponent* component, int depth = 0) {
    for (icalproperty* p = icalcomponent_get_first_property(component, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(component, ICAL_ANY_PROPERTY)) {
      icalparameter* tzid = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
      if (tzid == nullptr) continue;
      if (icalproperty_get_next_parameter(p, ICAL_TZID_PARAMETER) != nullptr) {  // which would libical take?
        while (icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) {
          icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
        }
        warnings_.push_back(std::string(origin_) + ": a property with two TZIDs; its time is read in the screen's time zone");
        continue;
      }
      const char* value = icalparameter_get_tzid(tzid);
      const std::string name = value ? value : "";
      if (zones_.count(name)) continue;
      const std::string resolved = resolve(name);
      if (resolved.empty()) {
        icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER);
      } else if (resolved != name) {
        icalparameter_set_tzid(tzid, resolved.c_str());
      }
    }
    if (depth > 8) return;  // the structure check allows no deeper nesting
    for (icalcomponent* child = icalcomponent_get_first_component(component, ICAL_ANY_COMPONENT); child;
         child = icalcomponent_get_next_component(component, ICAL_ANY_COMPONENT)) {
      if (icalcomponent_isa(child) != ICAL_VTIMEZONE_COMPONENT) check_references(child, depth + 1);
    }
  }

 private:
  // The IANA name to use for a TZID that names no VTIMEZONE; empty: floating. Warns once
  // per name.
  std::string resolve(const std::string& name) {
    const auto known = resolved_.find(name);
    if (known != resolved_.end()) return known->second;
    std::string zone = known_zone(name);
    // libical reads the system's zoneinfo file of that name: it must exist.
    if (!zone.empty() && icaltimezone_get_builtin_timezone(zone.c_str()) == nullptr) zone.clear();
    if (zone.empty()) {
      warnings_.push_back(std::string(origin_) + ": TZID '" + shown(name) +
                          "' is neither a VTIMEZONE of the calendar nor a time zone known here; its times are read "
                          "in the screen's time zone");
    }
    resolved_.emplace(name, zone);
    return zone;
  }

  std::string_view origin_;
  std::vector<std::string>& warnings_;
  std::set<std::string> zones_;                 // VTIMEZONEs kept
  std::map<std::string, std::string> resolved_; // other TZIDs: the IANA name, or "" (floating)
};

}  // namespace

void secure_time_zones(icalcomponent* root, std::string_view origin, std::vector<std::string>& warnings) {
  remove_nested_zones(root, origin, warnings);
  // Each calendar by itself: libical looks for a TZID's VTIMEZONE among the ancestors of
  // the property, so a zone of one calendar is no zone for another.
  const auto secure = [&](icalcomponent* calendar) {
    ZoneGuard guard(origin, warnings);
    guard.check_zones(calendar);
    guard.check_references(calendar);
  };
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
    secure(root);
    return;
  }
  std::vector<icalcomponent*> calendars;  // several calendars under an XROOT
  for (icalcomponent* calendar = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); calendar;
       calendar = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT)) {
    calendars.push_back(calendar);
  }
  for (icalcomponent* calendar : calendars) secure(calendar);
}

}  // namespace lafita::feeds
