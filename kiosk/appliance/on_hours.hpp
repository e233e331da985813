#pragma once

#include "feeds/item.hpp"
#include "kiosk/appliance/cec_power.hpp"
#include "kiosk/config/on_hours_settings.hpp"

#include <array>
#include <chrono>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace lafita::kiosk {

// Whether the screen is on at `time` in ICU's default time zone (the screen's).
bool screen_on(const OnHours& schedule, feeds::Time time);

// Switches the TV on or off as `schedule.power` says: over HDMI-CEC (opening `cec` at its
// first use), by the power command, or not at all (blank); logs what happened. Blocks
// for a few seconds at most. Main thread.
void switch_screen_power(const OnHours& schedule, bool on, std::optional<CecPower>& cec, std::ostream& log);

// Runs `argv` directly (no shell) and waits at most `timeout` for it; returns a line for
// the log saying how it ended. Never throws.
std::string run_command(const std::vector<std::string>& argv, std::chrono::milliseconds timeout);

}  // namespace lafita::kiosk
