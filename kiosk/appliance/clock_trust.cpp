#include "kiosk/appliance/clock_trust.hpp"

#include "kiosk/appliance/readable_watcher.hpp"

#include <sys/timerfd.h>
#include <sys/timex.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <optional>

namespace lafita::kiosk {

ClockTrust ClockTrust::configured(bool always) {
  if (const char* file = std::getenv("LAFITA_TIMESYNC_FILE"); file && *file) return ClockTrust(always, file, false);
  return ClockTrust(always);
}

bool ClockTrust::synchronised() const {
  if (always_) return true;
  std::error_code ec;
  if (std::filesystem::exists(sync_file_, ec)) return true;
  if (!ask_kernel_) return false;
  timex state{};  // modes 0: only reads
  return ::adjtimex(&state) != -1 && (state.status & STA_UNSYNC) == 0;
}

struct ClockJumpWatcher::Thread {
  int timer = ::timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC);
  std::optional<ReadableWatcher> watcher;

  // A timer a year ahead on the realtime clock that is cancelled when the clock is set.
  bool arm() const {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    itimerspec when{};
    when.it_value.tv_sec = now.tv_sec + 365 * 86400;
    return ::timerfd_settime(timer, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &when, nullptr) == 0;
  }

  explicit Thread(std::function<void()> jumped) {
    if (timer < 0 || !arm()) return;
    watcher.emplace(timer, [this, jumped = std::move(jumped)] {
      uint64_t expirations = 0;
      const bool set = ::read(timer, &expirations, sizeof expirations) < 0 && errno == ECANCELED;
      if (!arm()) return false;
      if (set) jumped();
      return true;
    });
  }
  ~Thread() {
    watcher.reset();  // before the timer closes
    if (timer >= 0) ::close(timer);
  }
};

ClockJumpWatcher::ClockJumpWatcher(std::function<void()> jumped)
    : thread_(std::make_unique<Thread>(std::move(jumped))) {}
ClockJumpWatcher::~ClockJumpWatcher() = default;

}  // namespace lafita::kiosk
