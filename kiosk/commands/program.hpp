#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace lafita::kiosk {

// Exit codes of the `lafita` program.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // the work failed (a file could not be written)
inline constexpr int kExitUsage = 2;    // bad command line or bad input: nothing was done

// For a command's `catch (...)`: writes the one-line message of the exception being
// handled, prefixed with `command` ("lafita snapshot"), and returns its exit code: bad
// input (a usage error, with `help` after it; a feed; a font) is kExitUsage, other
// std::runtime_errors (a file that could not be written) kExitFailure. Rethrows anything else.
int report_error(std::string_view command, std::string_view help, std::ostream& err);

// Runs `lafita` with `args` (without the program name), writing results to `out` and
// diagnostics to `err`. Returns the exit code. Never throws.
int run_program(std::span<const std::string> args, std::ostream& out, std::ostream& err);

}  // namespace lafita::kiosk
