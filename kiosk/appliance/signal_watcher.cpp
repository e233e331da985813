#include "kiosk/appliance/signal_watcher.hpp"

#include <pthread.h>
#include <csignal>

namespace lafita::kiosk {

namespace {
sigset_t watched_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR1);
  return set;
}
}  // namespace

SignalWatcher::SignalWatcher(std::function<void(int)> signalled) : signalled_(std::move(signalled)) {
  const sigset_t set = watched_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  thread_ = std::thread([this] {
    const sigset_t wait_for = watched_set();
    for (;;) {
      int signal = 0;
      if (sigwait(&wait_for, &signal) != 0) return;
      if (stopping_) return;
      signalled_(signal);
    }
  });
}

SignalWatcher::~SignalWatcher() {
  stopping_ = true;
  pthread_kill(thread_.native_handle(), SIGHUP);  // wakes sigwait: blocked, so it is taken, not delivered
  thread_.join();
}

}  // namespace lafita::kiosk
