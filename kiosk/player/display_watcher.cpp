#include "kiosk/player/display_watcher.hpp"

#ifdef LAFITA_HAVE_UDEV
#include "kiosk/appliance/readable_watcher.hpp"

#include <libudev.h>

#include <cstring>
#include <optional>
#endif

namespace lafita::kiosk {

#ifdef LAFITA_HAVE_UDEV
namespace {
struct UdevDeleter {
  void operator()(udev* u) const { udev_unref(u); }
  void operator()(udev_monitor* m) const { udev_monitor_unref(m); }
  void operator()(udev_device* d) const { udev_device_unref(d); }
};
template <typename T>
using UdevPtr = std::unique_ptr<T, UdevDeleter>;

// A card appearing (a GPU's driver loaded late), or a connector's state changing.
bool display_event(udev_device* device) {
  const char* action = udev_device_get_action(device);
  if (action == nullptr) return false;
  if (std::strcmp(action, "add") == 0) return true;
  const char* hotplug = udev_device_get_property_value(device, "HOTPLUG");
  return std::strcmp(action, "change") == 0 && hotplug != nullptr && std::strcmp(hotplug, "1") == 0;
}
}  // namespace

struct DisplayWatcher::Thread {
  UdevPtr<udev> context{udev_new()};
  UdevPtr<udev_monitor> monitor;
  std::optional<ReadableWatcher> watcher;  // last: it stops before the monitor goes

  explicit Thread(std::function<void()> changed) {
    if (context) monitor.reset(udev_monitor_new_from_netlink(context.get(), "udev"));
    if (monitor && (udev_monitor_filter_add_match_subsystem_devtype(monitor.get(), "drm", nullptr) < 0 ||
                    udev_monitor_enable_receiving(monitor.get()) < 0)) {
      monitor.reset();
    }
    if (!monitor) return;
    watcher.emplace(udev_monitor_get_fd(monitor.get()), [this, changed = std::move(changed)] {
      UdevPtr<udev_device> device(udev_monitor_receive_device(monitor.get()));
      if (device && display_event(device.get())) changed();
      return true;
    });
  }
};

DisplayWatcher::DisplayWatcher(std::function<void()> changed) : thread_(std::make_unique<Thread>(std::move(changed))) {}
DisplayWatcher::~DisplayWatcher() = default;


#else

struct DisplayWatcher::Thread {};
DisplayWatcher::DisplayWatcher(std::function<void()>) {}
DisplayWatcher::~DisplayWatcher() = default;


#endif

}  // namespace lafita::kiosk
