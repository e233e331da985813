#pragma once
// What the feed tests ask of a parsed feed's warnings.
#include "feeds/item.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace lafita::test {

// Whether some warning of `feed` contains `part`.
inline bool has_warning(const feeds::Feed& feed, std::string_view part) {
  return std::ranges::any_of(feed.warnings, [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

// All of them, a line each, for a failing test's report.
inline std::string all_warnings(const feeds::Feed& feed) {
  std::string text;
  for (const auto& warning : feed.warnings) text += warning + "\n";
  return text;
}

}  // namespace lafita::test
