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
}  // namespace

DisplayWaitEnd wait_for_display(const ShowOptions& options, const DisplayWaitWiring& wiring, const std::string& why,
                                std::ostream& log, Clock::time_point launched) {
  log << warning_priority << "lafita: no display yet (" << why << "); waiting for one\n" << std::flush;
  if (wiring.updater) wiring.updater->start();
  // A TV in standby may show no connected connector at all: inside the on hours (or with a
  // clock that cannot be believed) it is switched on, and the wait is for it to come.
  const ClockTrust trust = ClockTrust::configured(options.trust_clock_always);
  const auto wall = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  if (!trust.synchronised() || screen_on(options.on_hours, wall)) {
    std::optional<CecPower> cec;
    switch_screen_power(options.on_hours, true, cec, log);
  }
  if (const auto picture = screen_picture_file(); !picture.empty()) {
    std::error_code ec;
    std::filesystem::remove(picture, ec);  // what was on screen is not there any more
  }
  ServiceStatus service(status_file(options), options.metrics_file, log);
  const auto report = [&] {
    service.report(waiting_state(options, wiring, launched),
                   std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  };
  report();         // the files first: whoever is told READY finds them written
  service.ready();  // up: a screen switched on later is drawn on without a restart
  std::string reason = why;
  auto next_try = Clock::now() + kRetry;
  auto next_report = Clock::now() + kReport;
  auto next_watchdog = Clock::now();
  for (;;) {
    const auto now = Clock::now();
    if (service.watchdog_interval() && now >= next_watchdog) {
      service.watchdog();
      next_watchdog = now + *service.watchdog_interval();
    }
    if (now >= next_report) {
      report();
      next_report = now + kReport;
    }
    if (now >= next_try) {
      std::string again;
      if (auto display = wiring.try_open(again)) {
        log << "lafita: a display is here (" << display->description << ")\n" << std::flush;
        return {std::move(display), std::nullopt};
      }
      if (again != reason) log << "lafita: still no display (" << again << ")\n" << std::flush;  // once per reason
      reason = again;
      next_try = now + kRetry;
    }
    auto deadline = std::min(next_try, next_report);
    if (service.watchdog_interval()) deadline = std::min(deadline, next_watchdog);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, static_cast<int>(std::clamp<int64_t>(wait, 1, 60'000))) == 0) continue;
    if (event.type == SDL_QUIT) return {};
    if (event.type == wiring.display_event) next_try = Clock::now();
    if (event.type == wiring.feeds_event) report();
    if (event.type != wiring.signal_event) continue;
    if (event.user.code == SIGUSR1 && wiring.updater) wiring.updater->refresh_now();
    if (event.user.code != SIGHUP) continue;
    try {
      return {std::nullopt, wiring.reload()};
    } catch (const std::exception& e) {
      log << error_priority << "lafita: reload: " << e.what() << "; the running configuration stays\n" << std::flush;
    }
  }
}

}  // namespace lafita::kiosk
