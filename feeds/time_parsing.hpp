#pragma once

#include "feeds/item.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace lafita::feeds {

struct ParsedTime {
  Time time;
  bool date_only;  // "2024-10-14": a calendar date, kept as midnight UTC of that day
};

// Parses RFC 3339 / ISO 8601 date-times as feeds write them: "2023-03-17T10:00:00Z",
// "...+05:00", fractional seconds, without seconds, without an offset (ICU's default time
// zone: the screen's), and plain dates. Returns nothing for anything else.
std::optional<ParsedTime> parse_iso_time(std::string_view text);

// "2023-03-17T05:00:00Z": RFC 3339 in UTC, for JSON that people and programs read.
std::string format_iso_utc(Time time);

}  // namespace lafita::feeds
