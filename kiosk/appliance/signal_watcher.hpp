#pragma once

#include <atomic>
#include <functional>
#include <thread>

namespace lafita::kiosk {

// Turns SIGHUP (reload the configuration) and SIGUSR1 (fetch every feed now) into calls of
// `signalled` with the signal's number, on a thread of its own (which may only do
// thread-safe things, like SDL_PushEvent). Both signals are blocked in the calling thread,
// so construct this before starting any other thread, which then inherit the mask, and the
// watcher takes them with sigwait. Without a watcher either signal would end the process.
class SignalWatcher {
 public:
  explicit SignalWatcher(std::function<void(int)> signalled);
  ~SignalWatcher();  // stops the thread; the signals stay blocked
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  std::function<void(int)> signalled_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace lafita::kiosk
