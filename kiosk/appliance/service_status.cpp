#include "kiosk/appliance/service_status.hpp"

#include "base/log_priority.hpp"
#include "kiosk/config/show_options.hpp"

#include "feeds/time_parsing.hpp"

#include <nlohmann/json.hpp>

#ifdef LAFITA_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <ostream>

namespace lafita::kiosk {

namespace {

void notify([[maybe_unused]] const std::string& state) {
#ifdef LAFITA_HAVE_SYSTEMD
  sd_notify(0, state.c_str());
#endif
}

nlohmann::ordered_json optional_time(const std::optional<feeds::Time>& time) {
  return time ? nlohmann::ordered_json(feeds::format_iso_utc(*time)) : nlohmann::ordered_json(nullptr);
}

// A Prometheus label value: backslash, double quote and newline escaped.
std::string label(const std::string& value) {
  std::string escaped;
  for (char c : value) {
    if (c == '\\' || c == '"') escaped += '\\';
    escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return escaped;
}

void metric(std::string& out, const char* name, const char* type, const char* help, double value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         std::to_string(value) + "\n";
}

}  // namespace

std::string status_json(const PlayerState& state, feeds::Time now) {
  nlohmann::ordered_json feeds = nlohmann::ordered_json::array();
  if (state.feeds) {
    for (const feeds::FeedState& feed : state.feeds->feeds) {
      feeds.push_back({{"source", feed.source},
                       {"items", feed.feed ? feed.feed->items.size() : 0},
                       {"content_fetched", optional_time(feed.content_fetched)},
                       {"from_cache", feed.from_cache},
                       {"last_success", optional_time(feed.last_success)},
                       {"last_failure", optional_time(feed.last_failure)},
                       {"failures_in_a_row", feed.failures_in_a_row},
                       {"last_error", feed.last_error}});
    }
  }
  const nlohmann::ordered_json status = {
      {"time", feeds::format_iso_utc(now)},
      {"pid", static_cast<int64_t>(::getpid())},
      {"uptime_seconds", state.uptime.count()},
      {"display", state.display.empty() ? "none" : state.display},
      {"clock_synchronized", state.clock_synchronised},
      {"screen_picture", state.picture ? nlohmann::ordered_json{{"file", state.picture->file.string()},
                                                                 {"time", feeds::format_iso_utc(state.picture->taken)}}
                                       : nlohmann::ordered_json()},
      {"slide", {{"index", state.slide}, {"count", state.slides}, {"item", state.item_id}, {"title", state.title}}},
      {"items", state.items},
      {"frames", state.frames},
      {"glyph_cache", {{"glyphs", state.glyphs}, {"texture_bytes", state.atlas_bytes}}},
      {"last_updated_badge", optional_time(state.last_updated_badge)},
      {"alert", state.alert ? nlohmann::ordered_json{{"id", state.alert->id},
                                                     {"headline", state.alert->headline},
                                                     {"severity", state.alert->severity},
                                                     {"active", state.alerts}}
                            : nlohmann::ordered_json()},
      {"feeds", feeds}};
  return status.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::string metrics_text(const PlayerState& state) {
  std::string out;
  metric(out, "lafita_uptime_seconds", "gauge", "Seconds since the player started.", static_cast<double>(state.uptime.count()));
  metric(out, "lafita_display_connected", "gauge", "1 while a display is drawn on, 0 while waiting for one.",
         state.display.empty() ? 0 : 1);
  metric(out, "lafita_clock_synchronized", "gauge", "1 when the system clock is synchronised (the header shows it).",
         state.clock_synchronised ? 1 : 0);
  metric(out, "lafita_frames_drawn_total", "counter", "Frames presented since start.", static_cast<double>(state.frames));
  metric(out, "lafita_slide_current", "gauge", "The slide on screen, from 0.", static_cast<double>(state.slide));
  metric(out, "lafita_slides", "gauge", "Slides in the rotation.", static_cast<double>(state.slides));
  metric(out, "lafita_items_shown", "gauge", "Items in the rotation.", static_cast<double>(state.items));
  metric(out, "lafita_glyph_cache_glyphs", "gauge", "The most glyphs the glyph atlas held at once (its pages are given back between compositions).", static_cast<double>(state.glyphs));
  metric(out, "lafita_glyph_cache_bytes", "gauge", "The most texture bytes the glyph atlas held at once.", static_cast<double>(state.atlas_bytes));
  metric(out, "lafita_content_stale", "gauge", "1 while every feed has failed past --stale-after.",
         state.last_updated_badge ? 1 : 0);
  metric(out, "lafita_alert_active", "gauge", "1 while an emergency alert takes the screen over.", state.alert ? 1 : 0);
  metric(out, "lafita_alerts", "gauge", "Emergency alerts in force, shown in turn.", static_cast<double>(state.alerts));
  if (state.alert) {
    out += "# HELP lafita_alert_info The alert on screen.\n# TYPE lafita_alert_info gauge\n";
    out += "lafita_alert_info{id=\"" + label(state.alert->id) + "\",severity=\"" + label(state.alert->severity) + "\"} 1\n";
  }
  if (!state.feeds) return out;
  const auto per_feed = [&](const char* name, const char* type, const char* help, auto value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
    for (const feeds::FeedState& feed : state.feeds->feeds) {
      out += std::string(name) + "{feed=\"" + label(feed.source) + "\"} " + std::to_string(value(feed)) + "\n";
    }
  };
  per_feed("lafita_feed_up", "gauge", "1 when the feed's last fetch worked.",
           [](const feeds::FeedState& f) { return f.failures_in_a_row == 0 && f.last_success ? 1.0 : 0.0; });
  per_feed("lafita_feed_items", "gauge", "Items of the feed's last good content.",
           [](const feeds::FeedState& f) { return f.feed ? static_cast<double>(f.feed->items.size()) : 0.0; });
  per_feed("lafita_feed_failures_in_a_row", "gauge", "Failed fetches since the last success.",
           [](const feeds::FeedState& f) { return static_cast<double>(f.failures_in_a_row); });
  per_feed("lafita_feed_last_success_timestamp_seconds", "gauge", "When a fetch last worked (Unix time; 0: never).",
           [](const feeds::FeedState& f) {
             return f.last_success ? static_cast<double>(f.last_success->time_since_epoch().count()) : 0.0;
           });
  per_feed("lafita_feed_last_failure_timestamp_seconds", "gauge", "When a fetch last failed (Unix time; 0: never).",
           [](const feeds::FeedState& f) {
             return f.last_failure ? static_cast<double>(f.last_failure->time_since_epoch().count()) : 0.0;
           });
  return out;
}

std::filesystem::path status_file(const ShowOptions& options) {
  const char* runtime = std::getenv("RUNTIME_DIRECTORY");
  if (options.status_file.empty() && runtime) return std::filesystem::path(runtime) / "status.json";
  return options.status_file;
}

ServiceStatus::ServiceStatus(std::filesystem::path status_file, std::filesystem::path metrics_file, std::ostream& log)
    : status_file_(std::move(status_file)), metrics_file_(std::move(metrics_file)), log_(log) {
#ifdef LAFITA_HAVE_SYSTEMD
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    // A quarter of WatchdogSec: a turn of the loop that runs late never costs the service.
    watchdog_interval_ = std::chrono::milliseconds(static_cast<int64_t>(usec / 4000));
  }
#endif
}

void ServiceStatus::ready() {
  if (ready_) return;
  ready_ = true;
  notify("READY=1");
}

void ServiceStatus::watchdog() { notify("WATCHDOG=1"); }

void ServiceStatus::report(const PlayerState& state, feeds::Time now) {
  // While an alert takes the screen over, `systemctl status` says so first.
  const std::string what = state.alert ? "ALERT (" + state.alert->severity + ") " : "slide ";
  std::string line = what + std::to_string(state.slide + 1) + "/" + std::to_string(state.slides) + ": " + state.title;
  if (state.feeds) {
    size_t ok = 0, failing = 0;
    for (const feeds::FeedState& feed : state.feeds->feeds) {
      ok += feed.failures_in_a_row == 0 && feed.last_success ? 1 : 0;
      failing += feed.failures_in_a_row > 0 ? 1 : 0;
    }
    const size_t waiting = state.feeds->feeds.size() - ok - failing;  // not heard from yet
    line += "; feeds: " + std::to_string(ok) + " ok, " + std::to_string(failing) + " failing";
    if (waiting > 0) line += ", " + std::to_string(waiting) + " waiting";
  }
  for (char& c : line) c = c == '\n' ? ' ' : c;
  // The files first: whoever reads STATUS finds them already written.
  if (!status_file_.empty()) write(status_file_, status_json(state, now));
  if (!metrics_file_.empty()) write(metrics_file_, metrics_text(state));
  notify("STATUS=" + line);
}

void ServiceStatus::write(const std::filesystem::path& file, const std::string& text) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  // For Lafita's user and group only: a status names feeds, and may say more than the world
  // needs to know.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
  bool written = fd >= 0;
  for (std::string_view rest = text; written && !rest.empty();) {
    const ssize_t n = ::write(fd, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    written = n > 0;
    if (written) rest.remove_prefix(static_cast<size_t>(n));
  }
  const int error = written ? 0 : errno;
  if (fd >= 0 && ::close(fd) != 0 && written) written = false;
  if (written && std::rename(temporary.c_str(), file.c_str()) == 0) {
    write_failing_ = false;
    return;
  }
  const std::string why = std::strerror(error != 0 ? error : errno);
  ::unlink(temporary.c_str());  // a full disk leaves nothing behind
  if (!write_failing_) log_ << warning_priority << "lafita: failed to write '" << file.string() << "': " << why << "\n" << std::flush;
  write_failing_ = true;
}

}  // namespace lafita::kiosk
