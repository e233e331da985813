#include "kiosk/cli.hpp"

#include "kiosk/layout_command.hpp"
#include "kiosk/snapshot_command.hpp"

#include <exception>
#include <ostream>

namespace lafita::kiosk {

namespace {

constexpr const char* kUsage =
    "usage: lafita layout --font FILE|FAMILY [--font ...] --size PX --width PX [options] FILE\n"
    "       lafita --version\n"
    "\n"
    "Commands:\n"
    "  layout   lay out each line of FILE as a paragraph and print the lines as JSON\n"
    "           (lafita layout --help lists its options)\n";

}  // namespace

int run_cli(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
      (args.empty() ? err : out) << kUsage;
      return args.empty() ? kExitUsage : kExitOk;
    }
    if (args[0] == "--version") {
      out << "lafita " << LAFITA_VERSION << "\n";
      return kExitOk;
    }
    if (args[0] == "layout") return run_layout_command(args.subspan(1), out, err);
    if (args[0] == "snapshot") return run_snapshot_command(args.subspan(1), out, err);
    err << "lafita: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "lafita: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace lafita::kiosk
