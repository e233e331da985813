#include "kiosk/hangup_watcher.hpp"

#include <pthread.h>
#include <csignal>

namespace lafita::kiosk {

namespace {
sigset_t hangup_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  return set;
}
}  // namespace

HangupWatcher::HangupWatcher(std::function<void()> hangup) : hangup_(std::move(hangup)) {
  const sigset_t set = hangup_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] {
    const sigset_t wait_for = hangup_set();
    for (;;) {
      int signal = 0;
      if (sigwait(&wait_for, &signal) != 0) return;
      if (stopping_) return;
      hangup_();
    }
  });
}

HangupWatcher::~HangupWatcher() {
  stopping_ = true;
  pthread_kill(thread_.native_handle(), SIGHUP);  // wakes sigwait: blocked, so it is taken, not delivered
  thread_.join();
}

}  // namespace lafita::kiosk
