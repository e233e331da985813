#pragma once

#include <filesystem>
#include <functional>
#include <memory>

namespace lafita::kiosk {

// Whether the system's clock can be believed. A Raspberry Pi has no real-time clock: it
// boots with fake-hwclock's last saved time, or 1970, until NTP answers. The clock is
// synchronised when systemd-timesyncd says so (`sync_file` exists) or when the kernel's
// clock is disciplined by an NTP daemon (adjtimex() without STA_UNSYNC; inside Lafita's
// unit ProtectClock= refuses that call, and the file decides). `always` trusts it as it is
// (a hall without NTP whose clock has a battery). Cheap enough for once a minute.
class ClockTrust {
 public:
  static constexpr const char* kTimesyncFile = "/run/systemd/timesync/synchronized";
  explicit ClockTrust(bool always = false, std::filesystem::path sync_file = kTimesyncFile, bool ask_kernel = true)
      : always_(always), sync_file_(std::move(sync_file)), ask_kernel_(ask_kernel) {}

  // For the player: the configuration's choice; $LAFITA_TIMESYNC_FILE (tests) names the
  // file instead of timesyncd's and leaves the kernel out.
  static ClockTrust configured(bool always);

  bool synchronised() const;

 private:
  bool always_;
  std::filesystem::path sync_file_;
  bool ask_kernel_;
};

// Calls `jumped` (on a thread of its own, which may only do thread-safe things, like
// SDL_PushEvent) each time the realtime clock is set: NTP's first answer, `date -s`, a
// manual correction. A timerfd with TFD_TIMER_CANCEL_ON_SET wakes then.
class ClockJumpWatcher {
 public:
  explicit ClockJumpWatcher(std::function<void()> jumped);
  ~ClockJumpWatcher();  // stops the thread
  ClockJumpWatcher(const ClockJumpWatcher&) = delete;
  ClockJumpWatcher& operator=(const ClockJumpWatcher&) = delete;

 private:
  struct Thread;
  std::unique_ptr<Thread> thread_;
};

}  // namespace lafita::kiosk
