#pragma once

#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lafita::kiosk {

// A command line the user got wrong; what() is one line naming the option and the value.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct OptionSpec {
  std::string_view name;  // "--size"
  bool takes_value;
  bool repeatable;
};

// GNU-style long options ("--size 40" or "--size=40") and positional arguments; "--"
// ends the options. Throws UsageError for unknown, repeated or incomplete options.
class CommandLine {
 public:
  CommandLine(std::span<const std::string> args, std::span<const OptionSpec> specs);

  bool has(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  // The option's value, or `fallback` when it was not given.
  std::string value(std::string_view name, std::string_view fallback = {}) const;
  // Every value of a repeatable option, in order.
  const std::vector<std::string>& values(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;
  std::vector<std::string> positional_;
};

// A strictly positive, finite number: "40", "12.5". Throws UsageError naming `option`.
float parse_positive(std::string_view option, std::string_view text, std::string_view what);

// One of `choices`; throws UsageError naming `option` and listing them.
std::string parse_choice(std::string_view option, std::string_view text, std::span<const std::string_view> choices);

}  // namespace lafita::kiosk
