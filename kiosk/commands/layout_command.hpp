#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita layout`: lays out each line of a text file as a paragraph with the given font
// stack, size, width and style; prints the JSON of DESIGN.md to `out` and, with --png,
// draws the block into a PNG. Bad options, files and fonts get one line on `err` and exit
// code 2; characters no font has get one warning line.
int run_layout_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
