#include "feeds/alerts.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>
#include <utility>

namespace lafita::feeds {

namespace {

char lower(unsigned char c) { return static_cast<char>(std::tolower(c)); }

}  // namespace

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return lower(x) == lower(y); });
}

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  const auto same = [](char x, char y) { return lower(x) == lower(y); };
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
    return std::ranges::any_of(filter.geocodes, [&](const std::string& wanted) { return equal_ignoring_case(code, wanted); });
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

}  // namespace

std::vector<Item> active_alerts(const std::vector<const Feed*>& feeds, Time now, const AlertFilter& filter,
                                bool clock_trusted) {
  // No message is sent from the future: a clock not synchronised yet (a board without a
  // real-time clock, before NTP) that is behind the newest one is wrong, and would hold
  // back every alert until it is set. A synchronised clock is believed over any message.
  for (const Feed* feed : clock_trusted ? std::vector<const Feed*>{} : feeds) {
    for (const Item& item : feed->items) {
      if (item.alert && item.alert->sent) now = std::max(now, *item.alert->sent);
    }
  }
  std::unordered_set<std::string> replaced;
  for (const Feed* feed : feeds) {
    for (const Item& item : feed->items) {
      // An Update replaces from when it takes effect (a Cancel at once): until then, what
      // it names still holds. An expired one does not bring back what it replaced.
      const bool in_force = item.alert && (item.alert->message_type == "Cancel" || !item.published || *item.published <= now);
      if (in_force) replaced.insert(item.alert->references.begin(), item.alert->references.end());
    }
  }
  std::vector<Item> alerts;
  std::unordered_set<std::string> seen;
  for (const Feed* feed : feeds) {
    for (const Item& item : feed->items) {
      if (!item.alert || item.alert->message_type == "Cancel" || replaced.contains(item.id)) continue;
      if (std::ranges::find(filter.statuses, item.alert->status) == filter.statuses.end()) continue;
      if (!is_current(item, now) || !in_area(*item.alert, filter) || !seen.insert(item.id).second) continue;
      alerts.push_back(item);
    }
  }
  std::stable_sort(alerts.begin(), alerts.end(), shows_before);
  return alerts;
}

Severity parse_severity(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, Severity>, 4> kNames = {
      {{"Extreme", Severity::extreme}, {"Severe", Severity::severe}, {"Moderate", Severity::moderate}, {"Minor", Severity::minor}}};
  for (const auto& [name, severity] : kNames) {
    if (equal_ignoring_case(text, name)) return severity;
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
