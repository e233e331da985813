#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// `lafita check-config FILE`: validates without starting. Exit 0 and one line saying what
// the file sets up, or exit 2 and the error.
int run_check_config_command(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
