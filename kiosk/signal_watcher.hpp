#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace lafita::kiosk {

// Turns SIGHUP into a call of `hangup` on a thread of its own (which may only do
// thread-safe things, like SDL_PushEvent): SIGHUP is blocked in the calling thread, so
// construct this before starting any other thread, which then inherit the mask, and the
// watcher takes it with sigwait. Without a watcher SIGHUP would end the process.
class HangupWatcher {
 public:
  explicit HangupWatcher(std::function<void()> hangup);
  ~HangupWatcher();  // stops the thread; SIGHUP stays blocked
  HangupWatcher(const HangupWatcher&) = delete;
  HangupWatcher& operator=(const HangupWatcher&) = delete;

 private:
  std::function<void()> hangup_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace lafita::kiosk
