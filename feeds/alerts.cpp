#include "feeds/alerts.hpp"

#include "base/ascii.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace lafita::feeds {

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  const auto same = [](char x, char y) { return ascii_lower(x) == ascii_lower(y); };
  return std::search(text.begin(), text.end(), part.begin(), part.end(), same) != text.end() || part.empty();
}

bool in_area(const Alert& alert, const AlertFilter& filter) {
  if (filter.areas.empty() && filter.geocodes.empty()) return true;
  if (alert.areas.empty() && alert.geocodes.empty()) return true;
  for (const std::string& area : alert.areas) {
    for (const std::string& name : filter.areas) {
      if (!name.empty() && contains_ignoring_case(area, name)) return true;
    }
  }
  return std::ranges::any_of(alert.geocodes, [&](const std::string& code) {
    return std::ranges::any_of(filter.geocodes, [&](const std::string& wanted) { return equal_ignoring_ascii_case(code, wanted); });
  });
}

bool is_current(const Item& item, Time now) {
  if (item.expires && *item.expires <= now) return false;
  return !(item.published && *item.published > now);
}

bool shows_before(const Item& a, const Item& b) {
  if (a.alert->severity != b.alert->severity) return a.alert->severity > b.alert->severity;
  return a.alert->sent.value_or(Time::min()) > b.alert->sent.value_or(Time::min());
}

// The present as `feed` may judge it: a clock not synchronised yet (a board without a
// real-time clock, before NTP) that is behind the feed's newest message is wrong, and
// would hold back every alert until it is set. Each feed only moves its own present, so
// that one message dated in the far future cannot expire the others' alerts.
Time present_for(const Feed& feed, Time now, bool clock_trusted) {
  if (clock_trusted) return now;
  for (const Item& item : feed.items) {
    if (item.alert && item.alert->sent) now = std::max(now, *item.alert->sent);
  }
  return now;
}

// The ids that Updates and Cancels of `feed` in force at `now` replace: only messages of
// the same feed and the same status (a drill's Cancel never ends a real alert, another
// publisher's never ends this one's), and never the message itself. An Update replaces
// from when it takes effect, a Cancel at once; an expired Update brings nothing back.
std::unordered_set<std::string> replaced_in(const Feed& feed, Time now) {
  std::unordered_map<std::string, std::string> status_of;
  for (const Item& item : feed.items) {
    if (item.alert) status_of.emplace(item.id, item.alert->status);
  }
  std::unordered_set<std::string> replaced;
  for (const Item& item : feed.items) {
    if (!item.alert || (item.alert->message_type != "Update" && item.alert->message_type != "Cancel")) continue;
    if (item.alert->message_type == "Update" && item.published && *item.published > now) continue;
    for (const std::string& reference : item.alert->references) {
      const auto target = status_of.find(reference);
      if (reference != item.id && target != status_of.end() && target->second == item.alert->status) replaced.insert(reference);
    }
  }
  return replaced;
}

}  // namespace

std::vector<Item> active_alerts(const std::vector<const Feed*>& feeds, Time now, const AlertFilter& filter,
                                bool clock_trusted) {
  std::vector<Item> alerts;
  for (const Feed* feed : feeds) {
    const Time present = present_for(*feed, now, clock_trusted);
    const std::unordered_set<std::string> replaced = replaced_in(*feed, present);
    std::unordered_set<std::string> seen;
    for (const Item& item : feed->items) {
      if (!item.alert || item.alert->message_type == "Cancel" || replaced.contains(item.id)) continue;
      if (std::ranges::find(filter.statuses, item.alert->status) == filter.statuses.end()) continue;
      if (!is_current(item, present) || !in_area(*item.alert, filter) || !seen.insert(item.id).second) continue;
      // The same message from two feeds shows once; two messages under one id from two
      // feeds both show: which one lies cannot be told, and hiding a warning is worse.
      if (std::ranges::find(alerts, item) != alerts.end()) continue;
      alerts.push_back(item);
    }
  }
  std::stable_sort(alerts.begin(), alerts.end(), shows_before);
  return alerts;
}

std::optional<std::string> canonical_status(std::string_view text) {
  for (const char* status : {"Actual", "Exercise", "System", "Test", "Draft"}) {
    if (equal_ignoring_ascii_case(text, status)) return std::string(status);
  }
  return std::nullopt;
}

Severity parse_severity(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, Severity>, 4> kNames = {
      {{"Extreme", Severity::extreme}, {"Severe", Severity::severe}, {"Moderate", Severity::moderate}, {"Minor", Severity::minor}}};
  for (const auto& [name, severity] : kNames) {
    if (equal_ignoring_ascii_case(text, name)) return severity;
  }
  return Severity::unknown;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::extreme: return "extreme";
    case Severity::severe: return "severe";
    case Severity::moderate: return "moderate";
    case Severity::minor: return "minor";
    case Severity::unknown: break;
  }
  return "unknown";
}

}  // namespace lafita::feeds
