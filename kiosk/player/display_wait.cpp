#include "kiosk/player/display_wait.hpp"

#include "base/log_priority.hpp"
#include "kiosk/appliance/clock_trust.hpp"
#include "kiosk/appliance/on_hours.hpp"
#include "kiosk/appliance/service_status.hpp"
#include "kiosk/player/screen_picture.hpp"

#include <algorithm>
#include <csignal>
#include <ostream>

namespace lafita::kiosk {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::chrono::seconds kRetry{5};
constexpr std::chrono::seconds kReport{60};

PlayerState waiting_state(const ShowOptions& options, const DisplayWaitWiring& wiring, Clock::time_point launched) {
  PlayerState state;
  state.clock_synchronised = ClockTrust::configured(options.trust_clock_always).synchronised();
  state.uptime = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - launched);
  if (wiring.updater) state.feeds = wiring.updater->snapshot();
  return state;  // display: none
}


// What was on screen is not there any more: its picture goes (before the log says so, so
// that whoever reads the log finds it gone).
void forget_screen_picture() {
  if (const auto picture = screen_picture_file(); !picture.empty()) {
    std::error_code ec;
    std::filesystem::remove(picture, ec);
  }
}

// A TV in standby may show no connected connector at all: inside the on hours (or with a
// clock that cannot be believed) it is switched on, and the wait is for it to come.
void switch_screen_on(const ShowOptions& options, std::ostream& log) {
  const ClockTrust trust = ClockTrust::configured(options.trust_clock_always);
  const auto wall = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (!trust.synchronised() || screen_on(options.on_hours, wall)) {
    std::optional<CecPower> cec;
    switch_screen_power(options.on_hours, true, cec, log);
  }
}

// The wait itself: deadlines for the next try, the next report and the watchdog, and
// SDL's events in between.
class DisplayWait {
 public:
  DisplayWait(const ShowOptions& options, const DisplayWaitWiring& wiring, const std::string& why, std::ostream& log,
              Clock::time_point launched)
      : options_(options), wiring_(wiring), log_(log), launched_(launched),
        service_(status_file(options), options.metrics_file, log), reason_(why) {}

  DisplayWaitEnd run() {
    report();          // the files first: whoever is told READY finds them written
    service_.ready();  // up: a screen switched on later is drawn on without a restart
    for (;;) {
      keep_alive();
      if (Clock::now() >= next_try_) {
        if (auto display = try_open()) return {std::move(display), std::nullopt};
      }
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline() - Clock::now()).count();
      SDL_Event event;
      if (SDL_WaitEventTimeout(&event, static_cast<int>(std::clamp<int64_t>(wait, 1, 60'000))) == 0) continue;
      if (auto end = handle(event)) return std::move(*end);
    }
  }

 private:
  void report() {
    service_.report(waiting_state(options_, wiring_, launched_),
                    std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  }

  // The watchdog pinged and the status reported when they are due.
  void keep_alive() {
    const auto now = Clock::now();
    if (service_.watchdog_interval() && now >= next_watchdog_) {
      service_.watchdog();
      next_watchdog_ = now + *service_.watchdog_interval();
    }
    if (now >= next_report_) {
      report();
      next_report_ = now + kReport;
    }
  }

  std::optional<Display> try_open() {
    std::string again;
    auto display = wiring_.try_open(again);
    if (display) {
      log_ << "lafita: a display is here (" << display->description << ")\n" << std::flush;
      return display;
    }
    if (again != reason_) log_ << "lafita: still no display (" << again << ")\n" << std::flush;  // once per reason
    reason_ = again;
    next_try_ = Clock::now() + kRetry;
    return std::nullopt;
  }

  Clock::time_point deadline() const {
    const auto next = std::min(next_try_, next_report_);
    return service_.watchdog_interval() ? std::min(next, next_watchdog_) : next;
  }

  // The end of the wait when `event` ends it: SDL_QUIT, SIGTERM (via SDL_QUIT), or SIGHUP
  // with a valid configuration. A udev event makes the next try now; SIGUSR1 refreshes.
  std::optional<DisplayWaitEnd> handle(const SDL_Event& event) {
    if (event.type == SDL_QUIT) return DisplayWaitEnd{};
    if (event.type == wiring_.display_event) next_try_ = Clock::now();
    if (event.type == wiring_.feeds_event) report();
    if (event.type != wiring_.signal_event) return std::nullopt;
    if (event.user.code == SIGUSR1 && wiring_.updater) wiring_.updater->refresh_now();
    if (event.user.code != SIGHUP) return std::nullopt;
    try {
      return DisplayWaitEnd{std::nullopt, wiring_.reload()};
    } catch (const std::exception& e) {
      log_ << error_priority << "lafita: reload: " << e.what() << "; the running configuration stays\n" << std::flush;
      return std::nullopt;
    }
  }

  const ShowOptions& options_;
  const DisplayWaitWiring& wiring_;
  std::ostream& log_;
  const Clock::time_point launched_;
  ServiceStatus service_;
  std::string reason_;  // why the last try failed
  Clock::time_point next_try_ = Clock::now() + kRetry;
  Clock::time_point next_report_ = Clock::now() + kReport;
  Clock::time_point next_watchdog_ = Clock::now();
};

}  // namespace

DisplayWaitEnd wait_for_display(const ShowOptions& options, const DisplayWaitWiring& wiring, const std::string& why,
                                std::ostream& log, Clock::time_point launched) {
  forget_screen_picture();
  log << warning_priority << "lafita: no display yet (" << why << "); waiting for one\n" << std::flush;
  if (wiring.updater) wiring.updater->start();
  switch_screen_on(options, log);
  return DisplayWait(options, wiring, why, log, launched).run();
}

}  // namespace lafita::kiosk
