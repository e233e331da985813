#include "kiosk/appliance/readable_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace lafita::kiosk {

ReadableWatcher::ReadableWatcher(int fd, std::function<bool()> readable) : stop_(::eventfd(0, EFD_CLOEXEC)) {
  if (fd < 0 || stop_ < 0) return;
  thread_ = std::thread([fd, stop = stop_, readable = std::move(readable)] {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop, POLLIN, 0}};
    while (::poll(fds, 2, -1) >= 0 || errno == EINTR) {
      if (fds[1].revents != 0) return;
      if (fds[0].revents != 0 && !readable()) return;
    }
  });
}

ReadableWatcher::~ReadableWatcher() {
  if (thread_.joinable()) {
    const uint64_t one = 1;
    [[maybe_unused]] const ssize_t n = ::write(stop_, &one, sizeof one);
    thread_.join();
  }
  if (stop_ >= 0) ::close(stop_);
}

}  // namespace lafita::kiosk
