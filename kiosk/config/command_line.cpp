#include "kiosk/config/command_line.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace lafita::kiosk {

CommandLine::CommandLine(std::span<const std::string> args, std::span<const OptionSpec> specs) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      positional_.insert(positional_.end(), args.begin() + static_cast<ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg.compare(0, 2, "--") != 0) {
      positional_.push_back(arg);
      continue;
    }
    const size_t equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const auto spec = std::ranges::find(specs, std::string_view(name), &OptionSpec::name);
    if (spec == specs.end()) throw UsageError("unknown option '" + name + "'");
    std::string value;
    if (spec->takes_value) {
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        throw UsageError(name + ": missing value");
      }
    } else if (equals != std::string::npos) {
      throw UsageError(name + ": takes no value, got '" + arg.substr(equals + 1) + "'");
    }
    auto& slot = values_[name];
    if (!slot.empty() && !spec->repeatable) throw UsageError(name + ": given more than once");
    slot.push_back(std::move(value));
  }
}

std::string CommandLine::value(std::string_view name, std::string_view fallback) const {
  auto found = values_.find(name);
  return found == values_.end() ? std::string(fallback) : found->second.back();
}

const std::vector<std::string>& CommandLine::values(std::string_view name) const {
  static const std::vector<std::string> none;
  auto found = values_.find(name);
  return found == values_.end() ? none : found->second;
}

float parse_positive(std::string_view option, std::string_view text, std::string_view what) {
  float value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool parsed = error == std::errc() && end == text.data() + text.size();
  if (!parsed || !std::isfinite(value) || value <= 0) {
    throw UsageError(std::string(option) + ": expected a positive number of " + std::string(what) + ", got '" +
                     std::string(text) + "'");
  }
  return value;
}

std::string parse_choice(std::string_view option, std::string_view text, std::span<const std::string_view> choices) {
  if (std::ranges::find(choices, text) != choices.end()) return std::string(text);
  std::string list;
  for (std::string_view choice : choices) list += (list.empty() ? "" : "|") + std::string(choice);
  throw UsageError(std::string(option) + ": expected " + list + ", got '" + std::string(text) + "'");
}

}  // namespace lafita::kiosk
