#include "kiosk/config/show_options.hpp"

#include "base/icu_handles.hpp"
#include "base/stream_safe.hpp"
#include "feeds/time_parsing.hpp"

#include <unicode/ucal.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace lafita::kiosk {

std::span<const OptionSpec> show_option_specs() {
  static constexpr std::array specs{
      OptionSpec{"--feed", true, true},       OptionSpec{"--size", true, false},
      OptionSpec{"--time-zone", true, false},  OptionSpec{"--numerals", true, false},
      OptionSpec{"--organization", true, false}, OptionSpec{"--transition", true, false},
      OptionSpec{"--time", true, false},       OptionSpec{"--fullscreen", false, false},
      OptionSpec{"--out", true, false},        OptionSpec{"--help", false, false},
      OptionSpec{"--wait-for-display", false, false},
      OptionSpec{"--transition-time", true, false}, OptionSpec{"--dwell", true, false},
      OptionSpec{"--cache-dir", true, false},  OptionSpec{"--refresh", true, false},
      OptionSpec{"--stale-after", true, false}, OptionSpec{"--calendar-days", true, false},
      OptionSpec{"--config", true, false},     OptionSpec{"--status-file", true, false},
      OptionSpec{"--metrics-file", true, false}, OptionSpec{"--rotation", true, false},
      OptionSpec{"--alert-feed", true, true},
      OptionSpec{"--qr", true, false},         OptionSpec{"--justify", true, false},
  };
  return specs;
}

std::pair<int, int> parse_size(std::string_view option, std::string_view text) {
  const size_t x = text.find('x');
  int width = 0, height = 0;
  const bool parsed = x != std::string_view::npos &&
                      std::from_chars(text.data(), text.data() + x, width).ptr == text.data() + x &&
                      std::from_chars(text.data() + x + 1, text.data() + text.size(), height).ptr == text.data() + text.size();
  if (!parsed || width < 160 || height < 120 || width > 16384 || height > 16384) {
    throw UsageError(std::string(option) + ": expected WIDTHxHEIGHT in pixels (160x120 to 16384x16384), got '" +
                     std::string(text) + "'");
  }
  return {width, height};
}

std::vector<std::string> feed_names(const ShowOptions& options) {
  std::vector<std::string> names;
  for (const feeds::FeedSource& feed : options.feeds) names.push_back(feeds::redact_url(feed.request.url));
  return names;
}

namespace {

// --feed, --refresh and where what comes from feeds is kept and reported.
void read_feed_options(const CommandLine& line, ShowOptions& options) {
  std::chrono::seconds refresh{300};
  if (line.has("--refresh")) {
    const float seconds = parse_positive("--refresh", line.value("--refresh"), "seconds");
    // As in the configuration file: a screen never asks a server more often than that.
    if (seconds < 10 || seconds > 86400) {
      throw UsageError("--refresh: expected 10 to 86400 seconds, got '" + line.value("--refresh") + "'");
    }
    refresh = std::chrono::seconds(static_cast<int>(seconds));
    for (feeds::FeedSource& feed : options.feeds) feed.refresh = refresh;
  }
  if (line.has("--feed")) {
    options.feeds.clear();
    for (const std::string& url : line.values("--feed")) {
      feeds::FeedSource feed;
      feed.request.url = url;
      if (feeds::has_credentials(url)) {
        options.warnings.push_back("--feed: warning: the URL seems to carry a credential (shown as '" +
                                   feeds::redact_url(url) + "'); a token file keeps it out of sight");
      }
      feed.refresh = refresh;
      feed.language = options.language;
      options.feeds.push_back(std::move(feed));
    }
  }
  // Alert feeds join the others (a preview of an alert: snapshot --alert-feed cap.xml).
  for (const std::string& url : line.values("--alert-feed")) {
    feeds::FeedSource feed;
    feed.request.url = url;
    feed.refresh = std::min(refresh, std::chrono::seconds(60));
    feed.language = options.language;
    feed.alert = true;
    options.feeds.push_back(std::move(feed));
  }
  if (line.has("--cache-dir")) options.cache_dir = line.value("--cache-dir");
  if (line.has("--status-file")) options.status_file = line.value("--status-file");
  if (line.has("--metrics-file")) options.metrics_file = line.value("--metrics-file");
  if (line.has("--calendar-days")) {
    const float days = parse_positive("--calendar-days", line.value("--calendar-days"), "days");
    if (days > 3660) throw UsageError("--calendar-days: at most 3660, got '" + line.value("--calendar-days") + "'");
    options.calendar_days = std::chrono::days(std::max(1, static_cast<int>(days)));
  }
  if (line.has("--stale-after")) {
    options.stale_after = std::chrono::seconds(static_cast<int>(parse_positive("--stale-after", line.value("--stale-after"), "seconds")));
  }
}

// What the screen is: its size, rotation, time zone and clock.
void read_screen_options(const CommandLine& line, ShowOptions& options) {
  if (line.has("--size")) std::tie(options.width, options.height) = parse_size("--size", line.value("--size"));
  if (line.has("--rotation")) options.rotation = parse_rotation("--rotation", line.value("--rotation"));
  if (line.has("--time-zone")) options.time_zone = line.value("--time-zone");
  if (line.has("--time")) {
    const auto time = feeds::parse_iso_time(line.value("--time"));
    if (!time) throw UsageError("--time: expected an RFC 3339 date-time like 2024-10-14T09:30:00Z, got '" + line.value("--time") + "'");
    options.time = time->time;
  }
  options.fullscreen = options.fullscreen || line.has("--fullscreen");
}

// How the slides look and change: digits, the header's name, QR codes, transitions, dwell.
void read_slide_options(const CommandLine& line, ShowOptions& options) {
  if (line.has("--numerals")) options.slides.numerals = parse_numerals("--numerals", line.value("--numerals"));
  if (line.has("--justify")) options.theme.justify = parse_justify("--justify", line.value("--justify"));
  if (line.has("--qr")) {
    static constexpr std::array<std::string_view, 2> switches{"on", "off"};
    options.slides.qr = parse_choice("--qr", line.value("--qr"), switches) == "on";
  }
  if (line.has("--organization")) {
    options.slides.organization = line.value("--organization");
    if (const size_t marks = longest_mark_run(options.slides.organization); marks > kMaxCombiningMarks) {
      throw UsageError("--organization: holds a run of " + std::to_string(marks) + " combining marks on one letter (at most " +
                       std::to_string(kMaxCombiningMarks) + ")");
    }
  }
  if (line.has("--transition")) options.schedule.transition = parse_transition("--transition", line.value("--transition"));
  if (line.has("--transition-time")) {
    const float ms = parse_positive("--transition-time", line.value("--transition-time"), "milliseconds");
    if (ms > 10000) throw UsageError("--transition-time: at most 10000 milliseconds, got '" + line.value("--transition-time") + "'");
    options.schedule.transition_time = std::chrono::milliseconds(static_cast<int>(ms));
  }
  if (line.has("--dwell")) {  // one dwell for every slide instead of reading time
    const float seconds = parse_positive("--dwell", line.value("--dwell"), "seconds");
    options.slides.min_dwell = options.slides.max_dwell = std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  }
}

}  // namespace

ShowOptions parse_show_options(const CommandLine& line, ShowOptions base) {
  ShowOptions options = std::move(base);
  read_feed_options(line, options);
  read_screen_options(line, options);
  read_slide_options(line, options);
  return options;
}

bool is_known_time_zone(const std::string& name) {
  const std::u16string zone(name.begin(), name.end());
  UErrorCode status = U_ZERO_ERROR;
  const IcuCalendar calendar(ucal_open(reinterpret_cast<const UChar*>(zone.c_str()), -1, "", UCAL_GREGORIAN, &status));
  if (!calendar || U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return false;
  // ICU answers an unknown zone with "Etc/Unknown" rather than an error.
  UChar id[64] = {};
  const int32_t length = ucal_getTimeZoneID(calendar.get(), id, 64, &status);
  return std::u16string(reinterpret_cast<const char16_t*>(id), static_cast<size_t>(length)) != u"Etc/Unknown";
}

int parse_rotation(std::string_view option, std::string_view text) {
  static constexpr std::array<std::string_view, 4> angles{"0", "90", "180", "270"};
  if (std::find(angles.begin(), angles.end(), text) == angles.end()) {
    throw UsageError(std::string(option) + ": expected 0, 90, 180 or 270 (degrees clockwise), got '" + std::string(text) + "'");
  }
  return std::stoi(std::string(text));
}

Numerals parse_numerals(std::string_view option, std::string_view text) {
  static constexpr std::array<std::string_view, 2> numerals{"western", "arabic-indic"};
  return parse_choice(option, text, numerals) == "western" ? Numerals::western : Numerals::arabic_indic;
}

Justify parse_justify(std::string_view option, std::string_view text) {
  static constexpr std::array<std::string_view, 3> names{"none", "spaces", "kashida"};
  return static_cast<Justify>(std::ranges::find(names, parse_choice(option, text, names)) - names.begin());
}

Transition parse_transition(std::string_view option, std::string_view text) {
  static constexpr std::array<std::string_view, 3> transitions{"slide", "crossfade", "cut"};
  const std::string transition = parse_choice(option, text, transitions);
  return transition == "slide" ? Transition::slide : transition == "crossfade" ? Transition::crossfade : Transition::cut;
}

void use_time_zone(const std::string& time_zone) {
  if (time_zone.empty()) return;
  if (!is_known_time_zone(time_zone)) {
    throw UsageError("--time-zone: no such time zone '" + time_zone + "' (use an IANA name like Asia/Ashgabat)");
  }
  const std::u16string zone(time_zone.begin(), time_zone.end());
  UErrorCode status = U_ZERO_ERROR;
  ucal_setDefaultTimeZone(reinterpret_cast<const UChar*>(zone.c_str()), &status);
}

}  // namespace lafita::kiosk
