#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita [--feed URL|FILE ...] [--size WxH] [--fullscreen] ...`: plays the slideshow (the built-in
// sample without --feed) until quit by a key, SIGINT or SIGTERM. Fullscreen on a bare
// console, a window on a desktop; on a machine with no display at all it says so in one
// line and writes the slides as PNG files instead (to --out, else a temporary folder).
// Returns the exit code.
int run_player(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
