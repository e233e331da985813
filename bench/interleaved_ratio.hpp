#pragma once

#include <chrono>
#include <functional>
#include <memory>

namespace lafita::bench {

// One unit of a benchmark's work, the same each time it is called; whatever it needs lives
// in the closure.
using Step = std::function<void()>;

// Sets up a fresh step (fonts, documents, renderers: not measured) and returns it.
using Workload = std::function<Step()>;

// The workload of a `Work` built from copies of `args`: its constructor sets up, its
// operator() is one step.
template <typename Work, typename... Args>
Workload workload(Args... args) {
  return [=] {
    auto work = std::make_shared<Work>(args...);
    return Step([work] { (*work)(); });
  };
}

struct RatioOptions {
  int rounds = 61;  // ~2.5 s a ratio: long enough to span the phases of a compile job beside
  std::chrono::nanoseconds batch = std::chrono::milliseconds(20);  // each side of a round
};

// The per-round ratios of one measurement, summed up.
struct RatioFigure {
  double median = 0;
  double low = 0, high = 0;  // the middle half of the rounds: first and third quartiles
  int rounds = 0;
};

// Time per step of `subject` over that of `baseline`, on this thread's CPU clock (time the
// thread spends preempted by other processes is not counted). Each side runs in batches of
// steps sized once to last about `options.batch`; every round times one batch of each,
// alternating which goes first so that drift falls on both. Call from one thread only.
RatioFigure measure_ratio(const Step& subject, const Step& baseline, const RatioOptions& options);

}  // namespace lafita::bench
