#pragma once

#include <libical/ical.h>

#include <string>
#include <string_view>
#include <vector>

namespace lafita::feeds {

// Makes the time zones of a calendar that libical has parsed (not yet read) safe to use,
// before anything resolves a TZID. libical takes a TZID it does not find among the
// calendar's VTIMEZONEs as a file name under /usr/share/zoneinfo, and expands a
// VTIMEZONE's rules from their DTSTART up to years ahead, whatever they are:
//   - a VTIMEZONE whose observance rules are not yearly transitions (FREQ=YEARLY, at
//     most one month, one weekday and a week of month days; no BYHOUR, BYMINUTE,
//     BYSECOND, BYYEARDAY, BYWEEKNO, BYSETPOS), or that has more than 500 observances or
//     5,000 RDATEs, is removed;
//   - every TZID parameter must then name a VTIMEZONE of the calendar, or a zone ICU
//     knows: an IANA name (also at the end of a vendor's prefix, as in
//     "/mozilla.org/20050126_1/Europe/Berlin") or a Windows name ("Arab Standard Time"),
//     and becomes that IANA name; any other TZID is removed, so its times are floating
//     (the screen's zone). A feed never chooses a path.
// Each removal adds one warning per zone name, naming `origin`.
void secure_time_zones(icalcomponent* root, std::string_view origin, std::vector<std::string>& warnings);

}  // namespace lafita::feeds
