// The slide scheduler on a fake clock: the order slides come in, how long each stays, the
// transitions between them, the operator's keys, and that nothing changes on screen
// between transitions (so the main loop draws nothing and sleeps).
#include "kiosk/player/slide_scheduler.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace lafita::kiosk;
using namespace std::chrono_literals;
using lafita::render::Direction;
using Clock = SlideScheduler::Clock;

namespace {

const Clock::time_point t0{std::chrono::hours(1000)};

std::vector<SlideTiming> slides(std::initializer_list<std::chrono::milliseconds> dwells) {
  std::vector<SlideTiming> result;
  for (auto dwell : dwells) result.push_back({dwell, Direction::rtl});
  return result;
}

SlideScheduler scheduler(Transition transition = Transition::slide) {
  return SlideScheduler(SchedulerSettings{transition, 500ms, 16ms});
}

// Steps the clock from `from` to `to` the way the main loop does: to each deadline in turn.
// Returns the frames it would draw, each one different from the one before.
std::vector<Frame> play(SlideScheduler& s, Clock::time_point from, Clock::time_point to) {
  std::vector<Frame> drawn;
  for (auto now = from; now <= to;) {
    s.update(now);
    const Frame frame = s.frame(now);
    if (drawn.empty() || !(drawn.back() == frame)) drawn.push_back(frame);
    now = s.next_deadline(now);
  }
  return drawn;
}

std::vector<size_t> settled_slides(const std::vector<Frame>& frames) {
  std::vector<size_t> result;
  for (const Frame& frame : frames) {
    if (!frame.next && (result.empty() || result.back() != frame.current)) result.push_back(frame.current);
  }
  return result;
}

}  // namespace

TEST_SUITE("scheduler") {
  TEST_CASE("slides rotate in order, each for its own dwell, round and round") {
    auto s = scheduler(Transition::cut);
    s.set_slides(slides({10s, 20s, 5s}), t0);
    CHECK(s.frame(t0 + 9999ms).current == 0);
    s.update(t0 + 10s);
    CHECK(s.current() == 1);
    s.update(t0 + 29999ms);
    CHECK(s.current() == 1);
    s.update(t0 + 30s);
    CHECK(s.current() == 2);
    s.update(t0 + 35s);
    CHECK(s.current() == 0);
    CHECK(s.next_deadline(t0 + 35s) == t0 + 45s);
  }

  TEST_CASE("a transition takes its set time, then the next slide's dwell begins") {
    auto s = scheduler(Transition::crossfade);
    s.set_slides(slides({10s, 10s}), t0);
    s.update(t0 + 10s);
    Frame frame = s.frame(t0 + 10s + 250ms);
    CHECK(frame.current == 0);
    REQUIRE(frame.next.has_value());
    CHECK(*frame.next == 1);
    CHECK(frame.transition == Transition::crossfade);
    CHECK(frame.progress == doctest::Approx(0.5));
    s.update(t0 + 10s + 500ms);
    CHECK(s.frame(t0 + 10s + 500ms) == Frame{1, std::nullopt, 0, Transition::cut});
    // The dwell counts from the end of the transition.
    CHECK(s.next_deadline(t0 + 10s + 500ms) == t0 + 20s + 500ms);
  }

  TEST_CASE("between transitions the frame does not change and the next deadline is the end of the dwell") {
    auto s = scheduler();
    s.set_slides(slides({8s, 8s, 8s}), t0);
    const auto frames = play(s, t0, t0 + 60s);
    // Every frame drawn while no transition runs is the first of its slide: a settled slide
    // is drawn once. Transitions are drawn frame by frame, at most every 16 ms.
    size_t settled = 0, moving = 0;
    for (const Frame& frame : frames) (frame.next ? moving : settled) += 1;
    CHECK(settled == settled_slides(frames).size());
    CHECK(moving <= 7 * (500 / 16 + 1));
    CHECK(moving >= 7 * (500 / 16 - 1));
    // While a slide is settled, the loop sleeps to the end of its dwell in one step.
    s.set_slides(slides({8s, 8s}), t0);
    CHECK(s.next_deadline(t0 + 1s) == t0 + 8s);
  }

  TEST_CASE("the slides of a paged item come in page order") {
    auto s = scheduler(Transition::cut);
    s.set_slides(slides({8s, 8s, 8s, 8s}), t0);  // item A, item B page 1, page 2, item C
    CHECK(settled_slides(play(s, t0, t0 + 40s)) == std::vector<size_t>{0, 1, 2, 3, 0, 1});
  }

  TEST_CASE("pause holds the slide, stops transitions, and resuming gives the slide its full dwell") {
    auto s = scheduler();
    s.set_slides(slides({10s, 10s}), t0);
    s.toggle_pause(t0 + 5s);
    CHECK(s.paused());
    CHECK(s.next_deadline(t0 + 5s) == Clock::time_point::max());
    s.update(t0 + 1h);
    CHECK(s.frame(t0 + 1h) == Frame{0, std::nullopt, 0, Transition::cut});
    s.toggle_pause(t0 + 1h);
    CHECK(s.next_deadline(t0 + 1h) == t0 + 1h + 10s);
  }

  TEST_CASE("pausing during a transition lands on the incoming slide at once") {
    auto s = scheduler();
    s.set_slides(slides({10s, 10s}), t0);
    s.update(t0 + 10s + 100ms);
    REQUIRE(s.frame(t0 + 10s + 100ms).next.has_value());
    s.toggle_pause(t0 + 10s + 100ms);
    CHECK(s.frame(t0 + 10s + 200ms) == Frame{1, std::nullopt, 0, Transition::cut});
  }

  TEST_CASE("next and previous go straight to the slide, wrap around, and restart its dwell") {
    auto s = scheduler();
    s.set_slides(slides({10s, 10s, 10s}), t0);
    s.previous(t0 + 1s);
    CHECK(s.current() == 2);
    CHECK(s.next_deadline(t0 + 1s) == t0 + 11s);
    s.next(t0 + 2s);
    CHECK(s.current() == 0);
    s.next(t0 + 3s);
    CHECK(s.frame(t0 + 3s) == Frame{1, std::nullopt, 0, Transition::cut});
    // Next during a transition skips past the incoming slide: the operator wants the one after.
    s.update(t0 + 13s + 100ms);
    REQUIRE(s.frame(t0 + 13s + 100ms).next == 2);
    s.next(t0 + 13s + 100ms);
    CHECK(s.current() == 0);
  }

  TEST_CASE("a long sleep catches up over several slides") {
    auto s = scheduler();
    s.set_slides(slides({10s, 10s, 10s}), t0);
    s.update(t0 + 31s);  // 10 + 0.5 + 10 + 0.5 + 10 = 31 s: the third transition just began
    const Frame frame = s.frame(t0 + 31s);
    CHECK(frame.current == 2);
    CHECK(frame.next == 0);
  }

  TEST_CASE("one slide or none: nothing to wait for, nothing to change") {
    auto s = scheduler();
    s.set_slides({}, t0);
    CHECK(s.next_deadline(t0) == Clock::time_point::max());
    s.next(t0);
    s.set_slides(slides({10s}), t0);
    s.update(t0 + 1h);
    CHECK(s.frame(t0 + 1h) == Frame{0, std::nullopt, 0, Transition::cut});
    CHECK(s.next_deadline(t0 + 1h) == Clock::time_point::max());
  }

  TEST_CASE("a new playlist starts at the given slide, clamped") {
    auto s = scheduler();
    s.set_slides(slides({10s, 10s, 10s}), t0, 2);
    CHECK(s.current() == 2);
    s.set_slides(slides({10s, 10s}), t0, 5);
    CHECK(s.current() == 1);
  }

  TEST_CASE("with frame interval 0 (vsync paces the loop) a transition asks for the next frame at once") {
    SlideScheduler s(SchedulerSettings{Transition::slide, 500ms, 0ms});
    s.set_slides(slides({10s, 10s}), t0);
    s.update(t0 + 10s + 1ms);
    CHECK(s.next_deadline(t0 + 10s + 1ms) == t0 + 10s + 1ms);
  }
}
