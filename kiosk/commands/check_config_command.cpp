#include "kiosk/commands/check_config_command.hpp"

#include "kiosk/commands/program.hpp"
#include "kiosk/config/config_file.hpp"

#include <algorithm>
#include <ostream>

namespace lafita::kiosk {

int run_check_config_command(std::span<const std::string> args, std::ostream& out, std::ostream& err) {
  if (args.size() != 1 || args[0] == "--help") {
    (args.size() == 1 ? out : err) << "usage: lafita check-config FILE\n\nValidates a configuration file without "
                                      "starting: exit 0 if Lafita can run with it, else 2 and what is wrong where.\n";
    return args.size() == 1 ? kExitOk : kExitUsage;
  }
  try {
    const ShowOptions options = load_config(args[0]);
    for (const std::string& warning : options.warnings) err << "lafita check-config: " << warning << "\n";
    out << args[0] << ": valid: " << options.feeds.size() << (options.feeds.size() == 1 ? " feed" : " feeds");
    if (options.feeds.empty()) out << " (the built-in sample plays)";
    const auto alerts = std::ranges::count_if(options.feeds, [](const feeds::FeedSource& feed) { return feed.alert; });
    if (alerts > 0) out << " (" << alerts << " of emergency alerts)";
    if (options.width > 0) out << ", " << options.width << "x" << options.height;
    if (options.rotation != 0) out << ", turned " << options.rotation << " degrees";
    if (!options.time_zone.empty()) out << ", time zone " << options.time_zone;
    if (!options.language.empty()) out << ", language " << options.language;
    out << "\n";
    return kExitOk;
  } catch (const ConfigError& e) {
    err << "lafita check-config: " << e.what() << "\n";
    return kExitUsage;
  }
}

}  // namespace lafita::kiosk
