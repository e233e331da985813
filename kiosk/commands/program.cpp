#include "kiosk/commands/program.hpp"

#include "base/log_priority.hpp"
#include "feeds/item.hpp"
#include "fonts/font_error.hpp"
#include "kiosk/commands/check_config_command.hpp"
#include "kiosk/commands/fetch_command.hpp"
#include "kiosk/commands/layout_command.hpp"
#include "kiosk/commands/player_command.hpp"
#include "kiosk/commands/snapshot_command.hpp"
#include "kiosk/config/command_line.hpp"
#include "kiosk/config/config_file.hpp"

#include <exception>
#include <ostream>
#include <vector>

namespace lafita::kiosk {

namespace {

constexpr const char* kUsage =
    "usage: lafita [--feed URL|FILE ...] [options]  play the slideshow (lafita --options lists them)\n"
    "       lafita snapshot --out DIR [options] render every slide to PNG files\n"
    "       lafita fetch URL|FILE               fetch and parse a feed once, print its items as JSON\n"
    "       lafita check-config FILE            validate a configuration file\n"
    "       lafita layout --font FILE|FAMILY --size PX --width PX [options] FILE\n"
    "       lafita --version\n"
    "\n"
    "Without arguments, lafita plays what /etc/lafita/lafita.toml says, or without that file\n"
    "its built-in sample content; --config FILE reads another file.\n"
    "Commands:\n"
    "  snapshot  the slides as the screen shows them, without a display (snapshot --help)\n"
    "  fetch     one feed's items as the screen gets them, as JSON (fetch --help)\n"
    "  layout    lay out each line of FILE as a paragraph and print the lines as JSON\n"
    "            (layout --help lists its options)\n";

}  // namespace

int report_error(std::string_view command, std::string_view help, std::ostream& err) {
  try {
    throw;
  } catch (const UsageError& e) {
    err << error_priority << command << ": " << e.what() << "\n(" << help << ")\n";
    return kExitUsage;
  } catch (const ConfigError& e) {
    err << error_priority << command << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const feeds::FeedError& e) {
    err << error_priority << command << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const fonts::FontError& e) {
    err << error_priority << command << ": " << e.what() << "\n";
    return kExitUsage;
  } catch (const std::runtime_error& e) {
    err << error_priority << command << ": " << e.what() << "\n";
    return kExitFailure;
  } catch (const std::bad_alloc&) {
    err << error_priority << command << ": out of memory: the input, or the sizes asked for, are too large\n";
    return kExitUsage;
  }
}

int run_program(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  try {
    if (args.empty() || (args[0].starts_with("--") && args[0] != "--help" && args[0] != "--options" &&
                         args[0] != "--version")) {
      return run_player(args, out, err);  // the program's purpose needs no command word
    }
    if (args[0] == "--help" || args[0] == "-h") {
      out << kUsage;
      return kExitOk;
    }
    if (args[0] == "--options") return run_player(std::vector<std::string>{"--help"}, out, err);
    if (args[0] == "--version") {
      out << "lafita " << LAFITA_VERSION << "\n";
      return kExitOk;
    }
    if (args[0] == "layout") return run_layout_command(args.subspan(1), out, err);
    if (args[0] == "snapshot") return run_snapshot_command(args.subspan(1), out, err);
    if (args[0] == "fetch") return run_fetch_command(args.subspan(1), out, err);
    if (args[0] == "check-config") return run_check_config_command(args.subspan(1), out, err);
    err << "lafita: unknown command '" << args[0] << "'\n" << kUsage;
    return kExitUsage;
  } catch (const std::exception& e) {
    err << "lafita: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace lafita::kiosk
