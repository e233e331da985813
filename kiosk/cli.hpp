#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace lafita::kiosk {

// Exit codes of the `lafita` program.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work failed (a file could not be written)
inline constexpr int kExitUsage = 2;    // bad command line or bad input: nothing was done

// Runs `lafita` with `args` (without the program name), writing results to `out` and
// diagnostics to `err`. Returns the exit code. Never throws.
int run_cli(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
