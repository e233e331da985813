#pragma once

#include "feeds/alerts.hpp"
#include "feeds/feed_updater.hpp"
#include "kiosk/config/command_line.hpp"
#include "kiosk/config/on_hours_settings.hpp"
#include "kiosk/config/scheduler_settings.hpp"
#include "kiosk/config/slide_settings.hpp"

#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lafita::kiosk {

// What `lafita` (the player) and `lafita snapshot` share on their command lines.
struct ShowOptions {
  std::vector<feeds::FeedSource> feeds;  // URLs or files (JSON Feed, RSS, Atom, iCalendar); none: the sample
  feeds::AlertFilter alerts;  // which alerts of the alert feeds show ([alerts])
  std::string cache_dir;  // last good copies of URL feeds; empty: $CACHE_DIRECTORY or ~/.cache/lafita
  std::chrono::seconds stale_after{3600};   // every feed failing this long: the "last updated" badge
  std::chrono::days calendar_days{31};      // calendar occurrences shown this far ahead
  std::string status_file;   // JSON status, rewritten as the show goes; empty: $RUNTIME_DIRECTORY/status.json or none
  std::string metrics_file;  // Prometheus text metrics; empty: none
  OnHours on_hours;  // when the screen is on (default: always)
  int width = 0;          // 0: the display's size (player) or 1920 x 1080 (snapshot)
  int height = 0;
  std::string time_zone;  // IANA name; empty: the system's
  std::string language;   // of items whose feed does not say; empty: found from their text
  SlideSettings slides;
  Theme theme;
  std::string video_driver;  // SDL's name ("kmsdrm", "x11", "wayland"); empty: SDL chooses
  std::array<int, 4> safe_area{};  // px kept black at the top, right, bottom and left (overscan)
  int rotation = 0;                // degrees the picture is turned clockwise: 0, 90, 180 or 270
  SchedulerSettings schedule;
  std::optional<feeds::Time> time;  // a fixed clock for the header (snapshot)
  bool fullscreen = false;
  // The header's date and time show even while the system clock is not synchronised.
  bool trust_clock_always = false;
  // What is allowed but unwise in these options (a credential in a feed URL), one line
  // each, naming the file and key or the option: logged at start and shown by check-config.
  std::vector<std::string> warnings;
};

// The options every show command accepts, for CommandLine.
std::span<const OptionSpec> show_option_specs();

// Reads them; throws UsageError naming the option and the value. `base` holds what a
// configuration file said; the command line overrides it (--feed replaces its feeds).
ShowOptions parse_show_options(const CommandLine& line, ShowOptions base = {});

// The feeds' URLs (redacted: they are logged and shown on screen) or file names.
std::vector<std::string> feed_names(const ShowOptions& options);

// "1920x1080" as a width and a height; throws UsageError naming `option` otherwise.
std::pair<int, int> parse_size(std::string_view option, std::string_view text);

// Whether ICU knows the IANA time zone `name`.
bool is_known_time_zone(const std::string& name);

// 0, 90, 180 or 270 (degrees); throws UsageError naming `option` otherwise.
int parse_rotation(std::string_view option, std::string_view text);

// "western" or "arabic-indic"; "slide", "crossfade" or "cut". Throw UsageError naming `option`.
Numerals parse_numerals(std::string_view option, std::string_view text);
// "none", "spaces" or "kashida"; throws UsageError naming `option` otherwise.
Justify parse_justify(std::string_view option, std::string_view text);
Transition parse_transition(std::string_view option, std::string_view text);

// Makes `time_zone` ICU's default, so that times show in it. Throws UsageError for a zone
// ICU does not know.
void use_time_zone(const std::string& time_zone);

}  // namespace lafita::kiosk
