#pragma once

#include <chrono>
#include <cstdint>

namespace lafita::kiosk {

// How one slide gives way to the next, and how often a transition draws a frame.
enum class Transition : uint8_t { cut, crossfade, slide };

struct SchedulerSettings {
  Transition transition = Transition::slide;
  std::chrono::milliseconds transition_time{700};
  std::chrono::milliseconds frame_interval{16};  // between animation frames, for displays without vsync
};

}  // namespace lafita::kiosk
