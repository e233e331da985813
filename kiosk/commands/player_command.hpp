#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita [--config FILE] [--feed URL|FILE ...] [--size WxH] [--fullscreen] ...`: plays the
// slideshow (the built-in sample without feeds) until quit by a key, SIGINT or SIGTERM;
// SIGHUP reads the configuration again and, when it is valid, starts over with it on the
// same display. Fullscreen on a bare console, a window on a desktop; on a machine with no
// display at all it says so in one line and writes the slides as PNG files instead (to
// --out, else a temporary folder). Returns the exit code.
int run_player(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
