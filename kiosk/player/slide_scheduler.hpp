#pragma once

#include "kiosk/config/scheduler_settings.hpp"
#include "render/text/bidi.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

namespace lafita::kiosk {

struct SlideTiming {
  std::chrono::milliseconds dwell;
  render::Direction direction;  // of the slide's text: the side it enters from
};

// What the screen shows at an instant.
struct Frame {
  size_t current = 0;
  std::optional<size_t> next;  // the slide coming in, during a transition
  float progress = 0;          // of the transition, 0 to 1
  Transition transition = Transition::cut;
  bool operator==(const Frame&) const = default;
};

// Which slide is on screen when: each shows for its dwell time, then a transition of a set
// length brings in the next, round and round. Operators can step forward and back and
// pause (no transitions while paused). Pure logic on a clock the caller passes in, so that
// tests can drive it; the main loop sleeps until next_deadline().
class SlideScheduler {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SlideScheduler(SchedulerSettings settings = {}) : settings_(settings) {}

  // A new playlist, showing `start` (clamped) from `now`, without a transition.
  void set_slides(std::vector<SlideTiming> slides, Clock::time_point now, size_t start = 0);

  // Ends dwells and transitions that are over by `now`.
  void update(Clock::time_point now);

  // The frame to draw at `now` (after update).
  Frame frame(Clock::time_point now) const;

  // When the frame changes next: the end of a dwell, or the next animation frame. Far in
  // the future while paused or with one slide or none.
  Clock::time_point next_deadline(Clock::time_point now) const;

  void next(Clock::time_point now);
  void previous(Clock::time_point now);
  void toggle_pause(Clock::time_point now);

  bool paused() const { return paused_; }
  size_t current() const { return current_; }
  size_t size() const { return slides_.size(); }

 private:
  void go_to(size_t slide, Clock::time_point now);

  SchedulerSettings settings_;
  std::vector<SlideTiming> slides_;
  size_t current_ = 0;
  std::optional<size_t> next_;
  Clock::time_point since_{};  // when the current dwell or the transition began
  bool paused_ = false;
};

}  // namespace lafita::kiosk
