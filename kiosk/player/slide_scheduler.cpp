#include "kiosk/player/slide_scheduler.hpp"

#include <algorithm>

namespace lafita::kiosk {

void SlideScheduler::set_slides(std::vector<SlideTiming> slides, Clock::time_point now, size_t start) {
  slides_ = std::move(slides);
  current_ = slides_.empty() ? 0 : std::min(start, slides_.size() - 1);
  next_.reset();
  since_ = now;
}

void SlideScheduler::update(Clock::time_point now) {
  if (slides_.size() < 2) return;
  for (;;) {  // more than one step if the caller slept long
    if (next_) {
      const auto end = since_ + settings_.transition_time;
      if (now < end) return;
      current_ = *next_;
      next_.reset();
      since_ = end;
    } else {
      const auto end = since_ + slides_[current_].dwell;
      if (paused_ || now < end) return;
      since_ = end;
      if (settings_.transition == Transition::cut || settings_.transition_time.count() <= 0) {
        current_ = (current_ + 1) % slides_.size();
      } else {
        next_ = (current_ + 1) % slides_.size();
      }
    }
  }
}

Frame SlideScheduler::frame(Clock::time_point now) const {
  Frame frame;
  frame.current = current_;
  if (next_) {
    frame.next = next_;
    frame.transition = settings_.transition;
    const double elapsed = std::chrono::duration<double>(now - since_).count();
    const double total = std::chrono::duration<double>(settings_.transition_time).count();
    frame.progress = static_cast<float>(std::clamp(elapsed / total, 0.0, 1.0));
  }
  return frame;
}

SlideScheduler::Clock::time_point SlideScheduler::next_deadline(Clock::time_point now) const {
  if (next_) return std::min(now + settings_.frame_interval, since_ + settings_.transition_time);
  if (paused_ || slides_.size() < 2) return Clock::time_point::max();
  return since_ + slides_[current_].dwell;
}

// Steps go straight to the slide (any transition finishes at once), then the slide gets
// its full dwell: an operator looking for a slide wants to see it, not an animation.
void SlideScheduler::go_to(size_t slide, Clock::time_point now) {
  current_ = slide;
  next_.reset();
  since_ = now;
}

void SlideScheduler::next(Clock::time_point now) {
  if (slides_.empty()) return;
  go_to(((next_ ? *next_ : current_) + 1) % slides_.size(), now);
}

void SlideScheduler::previous(Clock::time_point now) {
  if (slides_.empty()) return;
  go_to((current_ + slides_.size() - 1) % slides_.size(), now);
}

void SlideScheduler::toggle_pause(Clock::time_point now) {
  paused_ = !paused_;
  if (next_) go_to(*next_, now);  // no transition while paused: the incoming slide stays
  since_ = now;                   // on resuming, the slide gets its full dwell again
}

}  // namespace lafita::kiosk
