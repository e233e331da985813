#pragma once

#include "feeds/feed_updater.hpp"
#include "kiosk/config/show_options.hpp"
#include "kiosk/player/display.hpp"

#include <SDL2/SDL.h>

#include <chrono>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

namespace lafita::kiosk {

// How the wait is wired: the feed updater (null for the sample; it fetches on its own
// thread meanwhile), the SDL event types its updater, the signal watcher and the display
// watcher push, how to read the configuration again on SIGHUP, and how to try opening a
// display (fills `why` when it cannot).
struct DisplayWaitWiring {
  feeds::FeedUpdater* updater = nullptr;
  Uint32 feeds_event = 0, signal_event = 0, display_event = 0;
  std::function<ShowOptions()> reload;
  std::function<std::optional<Display>(std::string& why)> try_open;
};

// What ended the wait: a display (play on it), a valid new configuration (SIGHUP: set it
// up and wait again), or neither (SIGTERM, SDL_QUIT: stop).
struct DisplayWaitEnd {
  std::optional<Display> display;
  std::optional<ShowOptions> reloaded;
};

// A service whose screen is not there yet (the TV off at boot, a cable pulled) waits for
// it instead of failing: it is READY and pings the watchdog, its feeds go on, the status
// file and metrics say there is no display, and it says so once in the log. It tries again
// at once when the display watcher reports a change, and every 5 s in any case (X11 and
// Wayland servers send no udev event), so a display is drawn on within seconds of
// appearing. `why` is the reason the first try failed. Main thread only; SDL's events
// must be initialised.
DisplayWaitEnd wait_for_display(const ShowOptions& options, const DisplayWaitWiring& wiring, const std::string& why,
                                std::ostream& log, std::chrono::steady_clock::time_point launched);

}  // namespace lafita::kiosk
