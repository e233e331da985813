#pragma once

#include <functional>
#include <memory>

namespace lafita::kiosk {

// Calls `changed` (on a thread of its own, which may only do thread-safe things, like
// SDL_PushEvent) when a display may have come or gone: udev's events of the "drm"
// subsystem, a card added or a connector's HOTPLUG (a TV switched on, a cable plugged).
// Without libudev (or without udev running) it never calls: the caller retries slowly
// anyway. X11 and Wayland servers are not seen here.
class DisplayWatcher {
 public:
  explicit DisplayWatcher(std::function<void()> changed);
  ~DisplayWatcher();  // stops the thread
  DisplayWatcher(const DisplayWatcher&) = delete;
  DisplayWatcher& operator=(const DisplayWatcher&) = delete;

 private:
  struct Thread;
  std::unique_ptr<Thread> thread_;
};

}  // namespace lafita::kiosk
