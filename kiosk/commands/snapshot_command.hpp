#pragma once

#include "kiosk/config/show_options.hpp"
#include "kiosk/slides/show.hpp"

#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

namespace lafita::kiosk {

// `lafita snapshot --out DIR [--size WxH] [--feed URL|FILE ...] [--time T] ...`: renders every slide
// headless (SDL's dummy video driver, the software renderer) to DIR/slide-01.png and on,
// the same pixels a screen shows, and exits.
int run_snapshot_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

// The work of it, also done by `lafita` on a machine without a display: every slide of
// `show` at the options' size and time, written to `directory` (made if missing). Returns
// the files in slide order. Throws std::runtime_error saying what failed.
std::vector<std::filesystem::path> write_snapshots(Show& show, const ShowOptions& options,
                                                   const std::filesystem::path& directory);

}  // namespace lafita::kiosk
