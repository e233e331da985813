#pragma once

#include "feeds/item.hpp"
#include "kiosk/cec_power.hpp"

#include <array>
#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// When the screen shows slides: for each weekday (Monday first) the hours it is on, or off
// all day; a day without hours is on all day. Outside its hours the screen is blanked, and
// with `power`: the TV is put in standby over HDMI-CEC (cec_device) or `power_off` runs
// (argv, executed directly, no shell); when the hours begin, and at start inside them, the
// TV is switched on over CEC or `power_on` runs.
struct ScreenSchedule {
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
std::optional<ScreenSchedule::Hours> parse_hours(const std::string& text, std::string& why);

// Whether the screen is on at `time` in ICU's default time zone (the screen's).
bool screen_on(const ScreenSchedule& schedule, feeds::Time time);

// Switches the TV on or off as `schedule.power` says: over HDMI-CEC (opening `cec` at its
// first use), by the power command, or not at all (blank); logs what happened. Blocks
// for a few seconds at most. Main thread.
void switch_screen_power(const ScreenSchedule& schedule, bool on, std::optional<CecPower>& cec, std::ostream& log);

// Runs `argv` directly (no shell) and waits at most `timeout` for it; returns a line for
// the log saying how it ended. Never throws.
std::string run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

}  // namespace lafita::kiosk
