#pragma once

#include "kiosk/config/show_options.hpp"

#include <filesystem>
#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lafita::kiosk {

// Where the player looks for its configuration when --config is not given.
inline constexpr const char* kDefaultConfigFile = "/etc/lafita/lafita.toml";

// A configuration that cannot be used. what() is one line: "FILE:LINE:COLUMN: KEY: why",
// e.g. "lafita.toml:12:7: feeds.news.url: expected an http://, https:// or file:// URL,
// got 'ftp://x'"; an unknown key names the nearest valid one.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a TOML configuration (toml++) into show options: [display], [theme], [slides],
// [locale], [feeds.NAME] tables and [cache]; `examples/lafita.toml` documents each key.
// Every value is checked (types, ranges, URLs, colours, time zones, readable CA and token
// files) and the first problem throws ConfigError. `file_name` names the file in messages.
ShowOptions parse_config(std::string_view text, const std::string& file_name);

// The same for a file; an unreadable file is a ConfigError too.
ShowOptions load_config(const std::filesystem::path& file);

// What a show command starts from: the --config file, else kDefaultConfigFile when it
// exists, else the defaults. Throws ConfigError.
ShowOptions configured_options(const CommandLine& line);

}  // namespace lafita::kiosk
