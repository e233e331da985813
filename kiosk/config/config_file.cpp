#include "kiosk/config/config_file.hpp"

#include "base/regular_file.hpp"
#include "base/stream_safe.hpp"
#include "feeds/http_fetcher.hpp"

#include <toml++/toml.h>
#include <unicode/uloc.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <numeric>
#include <ostream>
#include <sstream>

namespace lafita::kiosk {

namespace {

const char* type_name(toml::node_type type) {
  switch (type) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0]++;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// Reads values out of a parsed file, throwing ConfigError at the first problem with the
// file, line, column and the key's dotted path.
class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::source_region& at, const std::string& key, const std::string& why) const {
    throw ConfigError(place(at, key) + why);
  }

  // "FILE:LINE:COLUMN: KEY: ", the start of every message about a value.
  std::string place(const toml::source_region& at, const std::string& key) const {
    return file_ + ":" + std::to_string(at.begin.line) + ":" + std::to_string(at.begin.column) + ": " + key + ": ";
  }

  // Every key of `table` must be one of `allowed`; an unknown one names the nearest.
  void only(const toml::table& table, const std::string& path, std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      const std::string_view name = key.str();  // clang 14 cannot capture a structured binding
      const auto nearest = std::min_element(allowed.begin(), allowed.end(), [name](std::string_view a, std::string_view b) {
        return edit_distance(name, a) < edit_distance(name, b);
      });
      std::string why = "unknown key";
      if (nearest != allowed.end() && edit_distance(key.str(), *nearest) <= std::max<size_t>(2, key.str().size() / 3)) {
        why += "; did you mean '" + std::string(*nearest) + "'?";
      } else {
        why += "; valid keys are";
        for (std::string_view valid : allowed) why += (valid == *allowed.begin() ? " " : ", ") + std::string(valid);
      }
      fail(key.source(), join(path, key.str()), why);
    }
  }

  const toml::table* table(const toml::table& parent, std::string_view key, const std::string& path) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) fail(node->source(), join(path, key), std::string("expected a table, got ") + type_name(node->type()));
    return node->as_table();
  }

  std::optional<std::string> text(const toml::table& t, std::string_view key, const std::string& path) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_string()) expected(*node, join(path, key), "a string");
    return checked_text(*node, join(path, key));
  }

  std::optional<bool> boolean(const toml::table& t, std::string_view key, const std::string& path) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_boolean()) expected(*node, join(path, key), "true or false");
    return node->as_boolean()->get();
  }

  // A number (integer or not) in [min, max].
  std::optional<double> number(const toml::table& t, std::string_view key, const std::string& path, double min,
                               double max) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_number()) expected(*node, join(path, key), "a number");
    const double value = node->is_integer() ? static_cast<double>(node->as_integer()->get()) : node->as_floating_point()->get();
    if (!(value >= min && value <= max)) {
      fail(node->source(), join(path, key), "expected " + format(min) + " to " + format(max) + ", got " + format(value));
    }
    return value;
  }

  std::optional<int64_t> integer(const toml::table& t, std::string_view key, const std::string& path, int64_t min,
                                 int64_t max) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_integer()) expected(*node, join(path, key), "an integer");
    const int64_t value = node->as_integer()->get();
    if (value < min || value > max) {
      fail(node->source(), join(path, key),
           "expected " + std::to_string(min) + " to " + std::to_string(max) + ", got " + std::to_string(value));
    }
    return value;
  }

  std::optional<std::vector<std::string>> texts(const toml::table& t, std::string_view key, const std::string& path) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) return std::nullopt;
    if (!node->is_array() || node->as_array()->empty()) expected(*node, join(path, key), "a non-empty array of strings");
    std::vector<std::string> values;
    for (const toml::node& element : *node->as_array()) {
      if (!element.is_string() || element.as_string()->get().empty()) expected(element, join(path, key), "non-empty strings");
      values.push_back(checked_text(element, join(path, key)));
    }
    return values;
  }

  // Where `key` is in `t`, for a check made after reading it.
  const toml::source_region& where(const toml::table& t, std::string_view key) const { return t.get(key)->source(); }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
  }

 private:
  // A string value with no NUL (which would cut a path or a command short) and no run of
  // combining marks longer than text can carry (which would take the layout down).
  std::string checked_text(const toml::node& node, const std::string& key) const {
    const std::string& value = node.as_string()->get();
    if (value.find('\0') != std::string::npos) fail(node.source(), key, "holds a NUL character");
    if (const size_t marks = longest_mark_run(value); marks > kMaxCombiningMarks) {
      fail(node.source(), key, "holds a run of " + std::to_string(marks) + " combining marks on one letter (at most " +
                                   std::to_string(kMaxCombiningMarks) + ")");
    }
    return value;
  }

  [[noreturn]] void expected(const toml::node& node, const std::string& key, const std::string& what) const {
    fail(node.source(), key, "expected " + what + ", got " + type_name(node.type()));
  }
  static std::string format(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
  }

  std::string file_;
};

// A UsageError from a shared option parser, with the file's place instead of an option.
template <typename Parse>
auto checked(const Reader& reader, const toml::table& t, std::string_view key, const std::string& path, Parse parse) {
  try {
    return parse();
  } catch (const UsageError& e) {
    std::string why = e.what();
    const std::string prefix = Reader::join(path, key) + ": ";
    if (why.rfind(prefix, 0) == 0) why.erase(0, prefix.size());
    reader.fail(reader.where(t, key), Reader::join(path, key), why);
  }
}

void read_display(const Reader& r, const toml::table& display, ShowOptions& options) {
  r.only(display, "display", {"driver", "size", "fullscreen", "rotation", "safe_area"});
  if (auto driver = r.text(display, "driver", "display")) {
    static constexpr std::array<std::string_view, 4> drivers{"auto", "kmsdrm", "x11", "wayland"};
    const std::string chosen = checked(r, display, "driver", "display",
                                       [&] { return parse_choice("display.driver", *driver, drivers); });
    options.video_driver = chosen == "auto" ? "" : chosen;
  }
  if (auto size = r.text(display, "size", "display")) {
    std::tie(options.width, options.height) =
        checked(r, display, "size", "display", [&] { return parse_size("display.size", *size); });
  }
  if (auto fullscreen = r.boolean(display, "fullscreen", "display")) options.fullscreen = *fullscreen;
  if (auto degrees = r.integer(display, "rotation", "display", INT32_MIN, INT32_MAX)) {
    if (*degrees != 0 && *degrees != 90 && *degrees != 180 && *degrees != 270) {
      r.fail(r.where(display, "rotation"), "display.rotation",
             "expected 0, 90, 180 or 270 (degrees clockwise), got " + std::to_string(*degrees));
    }
    options.rotation = static_cast<int>(*degrees);
  }
  if (const toml::node* margins = display.get("safe_area")) {
    const toml::array* values = margins->as_array();
    const bool valid = values && values->size() == 4 && std::all_of(values->begin(), values->end(), [](const toml::node& n) {
                         return n.is_integer() && n.as_integer()->get() >= 0 && n.as_integer()->get() <= 2000;
                       });
    if (!valid) {
      r.fail(margins->source(), "display.safe_area",
             "expected [top, right, bottom, left] in pixels, each 0 to 2000, like [0, 24, 0, 24]");
    }
    for (size_t i = 0; i < 4; ++i) options.safe_area[i] = static_cast<int>((*values)[i].as_integer()->get());
  }
}

render::Color colour(const Reader& r, const toml::table& theme, std::string_view key, const std::string& text) {
  unsigned value = 0;
  const bool valid = text.size() == 7 && text[0] == '#' &&
                     std::all_of(text.begin() + 1, text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
  if (!valid) r.fail(r.where(theme, key), Reader::join("theme", key), "expected a colour like \"#0F4C5C\", got '" + text + "'");
  value = static_cast<unsigned>(std::stoul(text.substr(1), nullptr, 16));
  return {static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value), 255};
}

void read_theme(const Reader& r, const toml::table& theme, ShowOptions& options) {
  r.only(theme, "theme",
         {"background", "text", "band", "band_text", "accent", "muted", "track", "text_fonts", "title_fonts", "title_scale",
          "body_scale", "logo", "justify"});
  const std::pair<std::string_view, render::Color*> colours[] = {
      {"background", &options.theme.background}, {"text", &options.theme.text},   {"band", &options.theme.band},
      {"band_text", &options.theme.band_text},   {"accent", &options.theme.accent}, {"muted", &options.theme.muted},
      {"track", &options.theme.track}};
  for (const auto& [key, target] : colours) {
    if (auto text = r.text(theme, key, "theme")) *target = colour(r, theme, key, *text);
  }
  if (auto fonts = r.texts(theme, "text_fonts", "theme")) options.theme.text_fonts = *fonts;
  if (auto fonts = r.texts(theme, "title_fonts", "theme")) options.theme.title_fonts = *fonts;
  if (auto scale = r.number(theme, "title_scale", "theme", 0.5, 2)) options.theme.title_scale = static_cast<float>(*scale);
  if (auto scale = r.number(theme, "body_scale", "theme", 0.5, 2)) options.theme.body_scale = static_cast<float>(*scale);
  if (auto logo = r.text(theme, "logo", "theme")) {
    if (*logo != "feed" && *logo != "name") {
      r.fail(r.where(theme, "logo"), "theme.logo", "expected \"feed\" or \"name\", got '" + *logo + "'");
    }
    options.theme.feed_logo = *logo == "feed";
  }
  if (auto justify = r.text(theme, "justify", "theme")) {
    options.theme.justify = checked(r, theme, "justify", "theme", [&] { return parse_justify("theme.justify", *justify); });
  }
}

std::chrono::milliseconds milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 + 0.5));
}

void read_slides(const Reader& r, const toml::table& slides, ShowOptions& options) {
  r.only(slides, "slides", {"min_dwell", "max_dwell", "seconds_per_word", "transition", "transition_time", "max_pages",
                   "qr"});
  if (auto seconds = r.number(slides, "min_dwell", "slides", 1, 3600)) options.slides.min_dwell = milliseconds(*seconds);
  if (auto seconds = r.number(slides, "max_dwell", "slides", 1, 3600)) options.slides.max_dwell = milliseconds(*seconds);
  if (options.slides.max_dwell < options.slides.min_dwell) {
    const auto& at = r.where(slides, slides.contains("max_dwell") ? "max_dwell" : "min_dwell");
    r.fail(at, "slides.max_dwell", "shorter than slides.min_dwell");
  }
  if (auto seconds = r.number(slides, "seconds_per_word", "slides", 0, 10)) options.slides.seconds_per_word = *seconds;
  if (auto transition = r.text(slides, "transition", "slides")) {
    options.schedule.transition =
        checked(r, slides, "transition", "slides", [&] { return parse_transition("slides.transition", *transition); });
  }
  if (auto seconds = r.number(slides, "transition_time", "slides", 0, 10)) {
    options.schedule.transition_time = milliseconds(*seconds);
  }
  if (auto pages = r.integer(slides, "max_pages", "slides", 1, 50)) options.slides.max_pages = static_cast<int>(*pages);
  if (auto qr = r.boolean(slides, "qr", "slides")) options.slides.qr = *qr;
}

// A BCP 47 language tag ICU reads whole, like "ar" or "ar-TN".
std::string language_tag(const Reader& r, const toml::table& t, std::string_view key, const std::string& path,
                         const std::string& tag) {
  char locale[ULOC_FULLNAME_CAPACITY];
  int32_t parsed = 0;
  UErrorCode status = U_ZERO_ERROR;
  uloc_forLanguageTag(tag.c_str(), locale, sizeof locale, &parsed, &status);
  if (tag.empty() || U_FAILURE(status) || parsed != static_cast<int32_t>(tag.size())) {
    r.fail(r.where(t, key), Reader::join(path, key), "expected a language tag like \"ar\" or \"en\", got '" + tag + "'");
  }
  return tag;
}

void read_locale(const Reader& r, const toml::table& locale, ShowOptions& options) {
  r.only(locale, "locale", {"language", "numerals", "time_zone", "organization", "trust_clock", "hijri", "hijri_adjust"});
  if (auto hijri = r.boolean(locale, "hijri", "locale")) options.slides.hijri = *hijri;
  if (auto adjust = r.integer(locale, "hijri_adjust", "locale", -1, 1)) options.slides.hijri_adjust = int(*adjust);
  if (auto trust = r.text(locale, "trust_clock", "locale")) {
    if (*trust != "synchronized" && *trust != "always") {
      r.fail(r.where(locale, "trust_clock"), "locale.trust_clock", "expected \"synchronized\" or \"always\", got '" + *trust + "'");
    }
    options.trust_clock_always = *trust == "always";
  }
  if (auto language = r.text(locale, "language", "locale")) options.language = language_tag(r, locale, "language", "locale", *language);
  if (auto numerals = r.text(locale, "numerals", "locale")) {
    options.slides.numerals =
        checked(r, locale, "numerals", "locale", [&] { return parse_numerals("locale.numerals", *numerals); });
  }
  if (auto zone = r.text(locale, "time_zone", "locale")) {
    if (!is_known_time_zone(*zone)) {
      r.fail(r.where(locale, "time_zone"), "locale.time_zone", "no such time zone '" + *zone + "' (an IANA name like Asia/Riyadh)");
    }
    options.time_zone = *zone;
  }
  if (auto organization = r.text(locale, "organization", "locale")) options.slides.organization = *organization;
}

// A file the player must be able to read when it runs (CA bundle, token): a regular file
// within the size of its kind.
void require_readable(const Reader& r, const toml::table& feed, std::string_view key, const std::string& path,
                      const std::string& file, size_t max_bytes) {
  std::string why;
  if (!read_regular_file(file, max_bytes, why)) r.fail(r.where(feed, key), Reader::join(path, key), "cannot read '" + file + "': " + why);
}

// Why `url` cannot be a feed's; empty when it can.
std::string unusable_url(const std::string& url) {
  const bool fetched = url.starts_with("http://") || url.starts_with("https://") || url.starts_with("file://");
  if (!fetched) return "expected an http://, https:// or file:// URL, got '" + feeds::redact_url(url) + "'";
  const auto bad = std::find_if(url.begin(), url.end(), [](unsigned char c) { return c <= 0x20 || c == 0x7F; });
  if (bad != url.end()) {
    return "holds a space or a control character at byte " + std::to_string(bad - url.begin() + 1) +
           " (write a space as %20)";
  }
  std::string why;
  if (url.starts_with("file://")) return feeds::local_file(url, why) ? std::string() : why;
  if (!feeds::has_host(url)) return "'" + feeds::redact_url(url) + "' is not a URL with a host";
  return {};
}

feeds::FeedSource read_feed(const Reader& r, const toml::table& feed, const std::string& path,
                            std::vector<std::string>& warnings) {
  r.only(feed, path, {"url", "refresh", "priority", "ca_file", "token_file", "language", "max_items", "timeout", "alert"});
  feeds::FeedSource source;
  const auto url = r.text(feed, "url", path);
  if (!url) r.fail(feed.source(), path + ".url", "missing: every feed needs a url");
  if (const std::string why = unusable_url(*url); !why.empty()) r.fail(r.where(feed, "url"), path + ".url", why);
  if (feeds::has_credentials(*url)) {
    warnings.push_back(r.place(r.where(feed, "url"), path + ".url") +
                       "warning: the URL seems to carry a credential (shown as '" + feeds::redact_url(*url) +
                       "'); put a token in a token_file, which is sent as a bearer token and never shown");
  }
  source.request.url = *url;
  if (auto seconds = r.number(feed, "refresh", path, 10, 86400)) source.refresh = std::chrono::seconds(static_cast<int64_t>(*seconds));
  if (auto seconds = r.number(feed, "timeout", path, 1, 600)) {
    source.request.total_timeout = milliseconds(*seconds);
    source.request.connect_timeout = std::min(source.request.connect_timeout, source.request.total_timeout);
  }
  if (auto priority = r.integer(feed, "priority", path, -1000, 1000)) source.priority = static_cast<int>(*priority);
  if (auto items = r.integer(feed, "max_items", path, 1, 200)) source.max_items = static_cast<size_t>(*items);
  if (auto alert = r.boolean(feed, "alert", path)) source.alert = *alert;
  if (auto language = r.text(feed, "language", path)) source.language = language_tag(r, feed, "language", path, *language);
  if (auto file = r.text(feed, "ca_file", path)) {
    require_readable(r, feed, "ca_file", path, *file, kMaxCertificateBytes);
    source.request.ca_file = *file;
  }
  if (auto file = r.text(feed, "token_file", path)) {
    require_readable(r, feed, "token_file", path, *file, kMaxTokenBytes);
    source.request.token_file = *file;
  }
  return source;
}

void read_feeds(const Reader& r, const toml::table& feeds_table, ShowOptions& options) {
  for (const auto& [name, node] : feeds_table) {
    const std::string path = "feeds." + std::string(name.str());
    if (!node.is_table()) {
      r.fail(node.source(), path, std::string("expected a table [") + path + "] with a url, got " + type_name(node.type()));
    }
    options.feeds.push_back(read_feed(r, *node.as_table(), path, options.warnings));
  }
}

// [alerts]: which of the alert feeds' messages show here.
void read_alerts(const Reader& r, const toml::table& alerts, ShowOptions& options) {
  r.only(alerts, "alerts", {"show_test", "show_exercise", "areas", "geocodes"});
  feeds::AlertFilter& filter = options.alerts;
  if (r.boolean(alerts, "show_test", "alerts").value_or(false)) filter.statuses.push_back("Test");
  if (r.boolean(alerts, "show_exercise", "alerts").value_or(false)) filter.statuses.push_back("Exercise");
  if (auto areas = r.texts(alerts, "areas", "alerts")) {
    for (const std::string& area : *areas) {
      // An area is found inside an alert's <areaDesc>: a blank name would match them all.
      if (area.find_first_not_of(" \t") == std::string::npos) {
        r.fail(r.where(alerts, "areas"), "alerts.areas", "a blank name would match every area");
      }
    }
    filter.areas = *areas;
  }
  if (auto codes = r.texts(alerts, "geocodes", "alerts")) {
    for (const std::string& code : *codes) {
      const size_t equals = code.find('=');
      if (equals == 0 || equals == std::string::npos || equals + 1 == code.size()) {
        r.fail(r.where(alerts, "geocodes"), "alerts.geocodes", "expected \"valueName=value\" (as CAP's <geocode>), got '" + code + "'");
      }
    }
    filter.geocodes = *codes;
  }
}

void read_cache(const Reader& r, const toml::table& cache, ShowOptions& options) {
  r.only(cache, "cache", {"directory", "stale_after", "calendar_days"});
  if (auto directory = r.text(cache, "directory", "cache")) options.cache_dir = *directory;
  if (auto seconds = r.number(cache, "stale_after", "cache", 1, 30 * 86400)) {
    options.stale_after = std::chrono::seconds(static_cast<int64_t>(*seconds));
  }
  if (auto days = r.integer(cache, "calendar_days", "cache", 1, 3660)) options.calendar_days = std::chrono::days(*days);
}

// A command to run directly: an array of strings, the program by its absolute path.
std::vector<std::string> command(const Reader& r, const toml::table& schedule, std::string_view key) {
  auto argv = r.texts(schedule, key, "schedule");
  if (!argv) return {};
  if (!argv->front().starts_with("/")) {
    r.fail(r.where(schedule, key), Reader::join("schedule", key),
           "the program must be an absolute path (it runs without a shell), got '" + argv->front() + "'");
  }
  return *argv;
}

void read_schedule(const Reader& r, const toml::table& schedule, ShowOptions& options) {
  static constexpr std::array<std::string_view, 7> days{"monday", "tuesday", "wednesday", "thursday", "friday",
                                                        "saturday", "sunday"};
  r.only(schedule, "schedule",
         {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "power_off", "power_on", "power",
          "cec_device"});
  for (size_t day = 0; day < days.size(); ++day) {
    const auto text = r.text(schedule, days[day], "schedule");
    if (!text) continue;
    if (*text == "off") {
      options.on_hours.off_all_day[day] = true;
      continue;
    }
    std::string why;
    options.on_hours.hours[day] = parse_hours(*text, why);
    if (!options.on_hours.hours[day]) r.fail(r.where(schedule, days[day]), Reader::join("schedule", days[day]), why);
  }
  options.on_hours.power_off = command(r, schedule, "power_off");
  options.on_hours.power_on = command(r, schedule, "power_on");
  const bool commands = !options.on_hours.power_off.empty() || !options.on_hours.power_on.empty();
  options.on_hours.power = commands ? OnHours::Power::command : OnHours::Power::blank;
  if (auto power = r.text(schedule, "power", "schedule")) {
    if (*power == "cec") {
      options.on_hours.power = OnHours::Power::cec;
    } else if (*power == "blank") {
      options.on_hours.power = OnHours::Power::blank;
    } else if (*power != "command") {
      r.fail(r.where(schedule, "power"), "schedule.power", "expected \"cec\", \"command\" or \"blank\", got '" + *power + "'");
    } else if (!commands) {
      r.fail(r.where(schedule, "power"), "schedule.power", "\"command\" needs power_on or power_off");
    }
    if (*power != "command" && commands) {
      r.fail(r.where(schedule, "power"), "schedule.power", "power_on and power_off are for power = \"command\"");
    }
  }
  if (auto device = r.text(schedule, "cec_device", "schedule")) {
    if (!device->starts_with("/dev/")) {
      r.fail(r.where(schedule, "cec_device"), "schedule.cec_device", "expected a device like /dev/cec0, got '" + *device + "'");
    }
    options.on_hours.cec_device = *device;
  }
}

}  // namespace

ShowOptions parse_config(std::string_view text, const std::string& file_name) {
  toml::table root;
  try {
    root = toml::parse(text, file_name);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    throw ConfigError(file_name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": not TOML: " +
                      std::string(e.description()));
  }
  const Reader r(file_name);
  r.only(root, "", {"display", "theme", "slides", "locale", "feeds", "alerts", "cache", "status", "schedule"});
  ShowOptions options;
  if (const auto* display = r.table(root, "display", "")) read_display(r, *display, options);
  if (const auto* theme = r.table(root, "theme", "")) read_theme(r, *theme, options);
  if (const auto* slides = r.table(root, "slides", "")) read_slides(r, *slides, options);
  if (const auto* locale = r.table(root, "locale", "")) read_locale(r, *locale, options);
  if (const auto* feeds_table = r.table(root, "feeds", "")) read_feeds(r, *feeds_table, options);
  if (const auto* alerts = r.table(root, "alerts", "")) read_alerts(r, *alerts, options);
  if (const auto* cache = r.table(root, "cache", "")) read_cache(r, *cache, options);
  if (const auto* schedule = r.table(root, "schedule", "")) read_schedule(r, *schedule, options);
  for (feeds::FeedSource& feed : options.feeds) {
    if (feed.language.empty()) feed.language = options.language;
  }
  if (const auto* status = r.table(root, "status", "")) {
    r.only(*status, "status", {"file", "metrics"});
    if (auto file = r.text(*status, "file", "status")) options.status_file = *file;
    if (auto file = r.text(*status, "metrics", "status")) options.metrics_file = *file;
  }
  return options;
}

ShowOptions load_config(const std::filesystem::path& file) {
  std::string why;
  const auto text = read_regular_file(file, kMaxConfigBytes, why);
  if (!text) throw ConfigError(file.string() + ": cannot read: " + why);
  return parse_config(*text, file.string());
}

ShowOptions configured_options(const CommandLine& line) {
  if (line.has("--config")) return load_config(line.value("--config"));
  std::error_code ec;
  if (std::filesystem::exists(kDefaultConfigFile, ec)) return load_config(kDefaultConfigFile);
  return {};
}

}  // namespace lafita::kiosk
