#include "bench/interleaved_ratio.hpp"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace lafita::bench {
namespace {

// This thread's CPU time: it stops while another process has the core.
double thread_cpu_ns() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// CPU nanoseconds `steps` calls of `step` take.
double time_batch(const Step& step, int64_t steps) {
  const double start = thread_cpu_ns();
  for (int64_t i = 0; i < steps; ++i) step();
  return thread_cpu_ns() - start;
}

// How many steps make a batch of about `batch_ns`, after one step to warm caches up.
int64_t batch_size(const Step& step, double batch_ns) {
  step();
  int64_t steps = 1;
  double ns = time_batch(step, steps);
  while (ns < batch_ns / 4) {
    steps *= 4;
    ns = time_batch(step, steps);
  }
  return std::max<int64_t>(1, std::llround(static_cast<double>(steps) * batch_ns / ns));
}

// The value a fraction `at` of the way through sorted `values`, interpolated.
double quantile(const std::vector<double>& values, double at) {
  const double index = at * static_cast<double>(values.size() - 1);
  const size_t below = static_cast<size_t>(index);
  if (below + 1 >= values.size()) return values.back();
  return values[below] + (index - static_cast<double>(below)) * (values[below + 1] - values[below]);
}

}  // namespace

RatioFigure measure_ratio(const Step& subject, const Step& baseline, const RatioOptions& options) {
  if (options.rounds <= 0) return {};
  const double batch_ns = static_cast<double>(options.batch.count());
  const int64_t subject_steps = batch_size(subject, batch_ns);
  const int64_t baseline_steps = batch_size(baseline, batch_ns);
  std::vector<double> ratios;
  for (int round = 0; round < options.rounds; ++round) {
    double baseline_ns = round % 2 == 0 ? time_batch(baseline, baseline_steps) : 0;
    const double subject_ns = time_batch(subject, subject_steps);
    if (round % 2 == 1) baseline_ns = time_batch(baseline, baseline_steps);
    ratios.push_back((subject_ns / static_cast<double>(subject_steps)) / (baseline_ns / static_cast<double>(baseline_steps)));
  }
  std::sort(ratios.begin(), ratios.end());
  return {quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), options.rounds};
}

}  // namespace lafita::bench
