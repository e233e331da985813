#pragma once

#include "kiosk/player/slide_preparer.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace lafita::test {

// Collects what a SlidePreparer hands over, waiting on its `ready` calls.
class Handover {
 public:
  std::function<void()> ready() {
    return [this] {
      std::lock_guard lock(mutex_);
      ++calls_;
      changed_.notify_all();
    };
  }
  // Waits for `count` ready calls in all (a generous limit only against a hang), then takes.
  std::vector<kiosk::Prepared> take(kiosk::SlidePreparer& preparer, int count) {
    std::unique_lock lock(mutex_);
    REQUIRE(changed_.wait_for(lock, std::chrono::seconds(60), [&] { return calls_ >= count; }));
    return preparer.take();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int calls_ = 0;
};

}  // namespace lafita::test
