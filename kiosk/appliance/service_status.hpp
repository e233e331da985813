#pragma once

#include "feeds/feed_updater.hpp"

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

namespace lafita::kiosk {

// What the player is doing, for the outside world; filled by the main loop.
struct PlayerState {
  size_t slide = 0, slides = 0;  // the slide on screen (from 0) and how many there are
  std::string item_id, title;    // of the slide's item
  size_t items = 0;              // items in the rotation
  std::chrono::seconds uptime{0};
  uint64_t frames = 0;           // presented since start
  size_t glyphs = 0, atlas_bytes = 0;  // the glyph cache
  std::shared_ptr<const feeds::FeedSnapshot> feeds;  // null for the built-in sample
  std::optional<feeds::Time> last_updated_badge;     // set while the badge shows
  struct Picture {
    std::filesystem::path file;
    feeds::Time taken;
  };
  std::optional<Picture> picture;  // the last screen picture written (screen.png)
  bool clock_synchronised = true;  // false: the header hides the date and time
  // The emergency alert on screen, while alerts take it over (`alerts` of them).
  struct Alert {
    std::string id, headline, severity;
  };
  std::optional<Alert> alert;
  size_t alerts = 0;
  std::string display;  // what it draws on ("kmsdrm, opengles2, vsync, 1920x1080"); empty: no display
};

struct ShowOptions;
// Where the status file goes: --status-file, else status.json in systemd's
// $RUNTIME_DIRECTORY, else nowhere (empty).
std::filesystem::path status_file(const ShowOptions& options);

// The status file: one JSON object (slide, items, uptime, frames, glyph cache, and per feed
// its last success, last failure and why, failures in a row, items, whether from cache).
std::string status_json(const PlayerState& state, feeds::Time now);

// The same as Prometheus text exposition (node_exporter's textfile collector): lafita_*
// gauges and counters, feeds labelled by their URL.
std::string metrics_text(const PlayerState& state);

// Tells systemd (sd_notify, when built with libsystemd and started with NOTIFY_SOCKET)
// READY, WATCHDOG and STATUS, and writes the status file and the metrics, each atomically
// (temporary file, rename), when their paths are set. Main thread only. A file that
// cannot be written is logged once and tried again at the next report.
class ServiceStatus {
 public:
  ServiceStatus(std::filesystem::path status_file, std::filesystem::path metrics_file, std::ostream& log);

  void ready();     // READY=1, the first time only
  void watchdog();  // WATCHDOG=1
  // How often watchdog() must be called: a quarter of systemd's WatchdogSec; none without one.
  std::optional<std::chrono::milliseconds> watchdog_interval() const { return watchdog_interval_; }

  // STATUS= a line about the slide and the feeds, and both files.
  void report(const PlayerState& state, feeds::Time now);

 private:
  void write(const std::filesystem::path& file, const std::string& text);

  std::filesystem::path status_file_, metrics_file_;
  std::ostream& log_;
  std::optional<std::chrono::milliseconds> watchdog_interval_;
  bool ready_ = false;
  bool write_failing_ = false;
};

}  // namespace lafita::kiosk
