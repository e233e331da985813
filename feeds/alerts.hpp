#pragma once
// Emergency alerts: which of the alert feeds' messages show now.
#include "feeds/item.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lafita::feeds {

// Which alerts a screen shows ([alerts] in the configuration).
struct AlertFilter {
  std::vector<std::string> statuses{"Actual"};  // CAP statuses shown; add "Test" or "Exercise" to rehearse
  std::vector<std::string> areas;     // names an alert's area must contain (any case); empty: any
  std::vector<std::string> geocodes;  // "valueName=value", any of which an alert may name instead
};

// The alerts to show at `now`, most severe first, then the newest issued first:
// - items with an `alert` of a status the filter shows;
// - not one an Update or a Cancel of the same feed and the same status references: an
//   Update replaces what it names from when it takes effect, a Cancel ends it at once and
//   is not shown itself (another feed, or a drill, cannot end a real alert);
// - current: effective (published) at or before `now`, expiring after it; unless the
//   clock is trusted (synchronised), `now` is at least the feed's newest message's sent
//   time, since a clock behind it (a board without a real-time clock, before NTP) is
//   wrong, and each feed moves only its own;
// - with an area filter, only alerts that name a matching area or geocode, and alerts
//   that name no area at all (CAP leaves the area out when it is everywhere);
// - the same message once; two different messages under one id (from two feeds) both.
std::vector<Item> active_alerts(const std::vector<const Feed*>& feeds, Time now, const AlertFilter& filter,
                                bool clock_trusted = true);

// CAP's status word as CAP spells it ("Actual", "Exercise", "System", "Test", "Draft")
// whatever its case; nothing for any other word.
std::optional<std::string> canonical_status(std::string_view text);

// "Extreme" and the others (CAP's words, any case); unknown for anything else.
Severity parse_severity(std::string_view text);
// "extreme" and the others, as status files and metrics print them.
std::string_view severity_name(Severity severity);

}  // namespace lafita::feeds
