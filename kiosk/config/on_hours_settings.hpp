#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// When the screen shows slides: for each weekday (Monday first) the hours it is on, or off
// all day; a day without hours is on all day. Outside its hours the screen is blanked, and
// with `power`: the TV is put in standby over HDMI-CEC (cec_device) or `power_off` runs
// (argv, executed directly, no shell); when the hours begin, and at start inside them, the
// TV is switched on over CEC or `power_on` runs.
struct OnHours {
  enum class Power { blank, command, cec };
  struct Hours {
    int from, to;  // minutes since midnight, from < to; to may be 24:00
  };
  std::array<std::optional<Hours>, 7> hours;  // Monday first
  std::array<bool, 7> off_all_day{};
  std::vector<std::string> power_off, power_on;
  Power power = Power::blank;
  std::string cec_device = "/dev/cec0";
};

// "07:30-19:00" as hours; nothing when `text` is not "HH:MM-HH:MM" with times of day
// (00:00 to 24:00) and the first before the second; `why` then says what is wrong.
std::optional<OnHours::Hours> parse_hours(const std::string& text, std::string& why);

}  // namespace lafita::kiosk
