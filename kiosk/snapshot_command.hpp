#pragma once

#include "kiosk/show_options.hpp"

#include <filesystem>
#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita snapshot --out DIR [--size WxH] [--feed FILE] [--time T] ...`: renders every slide
// headless (SDL's dummy video driver, the software renderer) to DIR/slide-01.png and on,
// the same pixels a screen shows, and exits.
int run_snapshot_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

// The work of it, also done by `lafita` on a machine without a display. Returns an exit code.
int render_snapshots(const ShowOptions& options, const std::filesystem::path& directory, std::ostream& out,
                     std::ostream& err);

}  // namespace lafita::kiosk
