#pragma once

#include <functional>
#include <thread>

namespace lafita::kiosk {

// A thread that waits for a file descriptor to become readable and calls `readable` each
// time (on that thread), until `readable` returns false or the watcher is destroyed. The
// descriptor stays the caller's. For the display and clock watchers.
class ReadableWatcher {
 public:
  ReadableWatcher(int fd, std::function<bool()> readable);
  ~ReadableWatcher();  // wakes the thread and joins it
  ReadableWatcher(const ReadableWatcher&) = delete;
  ReadableWatcher& operator=(const ReadableWatcher&) = delete;

 private:
  int stop_ = -1;  // an eventfd that ends the wait
  std::thread thread_;
};

}  // namespace lafita::kiosk
