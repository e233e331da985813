#pragma once

#include "kiosk/command_line.hpp"
#include "kiosk/slide_scheduler.hpp"
#include "kiosk/slide_template.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lafita::kiosk {

// What `lafita` (the player) and `lafita snapshot` share on their command lines.
struct ShowOptions {
  std::vector<std::string> feeds;  // URLs or files (JSON Feed, RSS, Atom, iCalendar); none: the sample
  std::string cache_dir;  // last good copies of URL feeds; empty: $CACHE_DIRECTORY or ~/.cache/lafita
  std::chrono::seconds refresh{300};        // how often a feed is fetched again
  std::chrono::seconds stale_after{3600};   // every feed failing this long: the "last updated" badge
  std::chrono::days calendar_days{31};      // calendar occurrences shown this far ahead
  int width = 0;          // 0: the display's size (player) or 1920 x 1080 (snapshot)
  int height = 0;
  std::string time_zone;  // IANA name; empty: the system's
  SlideSettings slides;
  SchedulerSettings schedule;
  std::optional<feeds::Time> time;  // a fixed clock for the header (snapshot)
  bool fullscreen = false;
};

// The options every show command accepts, for CommandLine.
std::span<const OptionSpec> show_option_specs();

// Reads them; throws UsageError naming the option and the value.
ShowOptions parse_show_options(const CommandLine& line);

// Makes `time_zone` ICU's default, so that times show in it. Throws UsageError for a zone
// ICU does not know.
void use_time_zone(const std::string& time_zone);

}  // namespace lafita::kiosk
