#include "bench/interleaved_ratio.hpp"

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace lafita::bench {
namespace {

double now_ns(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

// Nanoseconds `steps` calls of `step` take on `clock`.
double time_batch(const Step& step, int64_t steps, clockid_t clock) {
  const double start = now_ns(clock);
  for (int64_t i = 0; i < steps; ++i) step();
  return now_ns(clock) - start;
}

// How many steps make a batch of about `batch_ns`, after one step to warm caches up.
int64_t batch_size(const Step& step, double batch_ns, clockid_t clock) {
  step();
  int64_t steps = 1;
  double ns = time_batch(step, steps, clock);
  while (ns < batch_ns / 4) {
    steps *= 4;
    ns = time_batch(step, steps, clock);
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
  const clockid_t clock = CLOCK_THREAD_CPUTIME_ID;
  const double batch_ns = static_cast<double>(options.batch.count());
  const int64_t subject_steps = batch_size(subject, batch_ns, clock);
  const int64_t baseline_steps = batch_size(baseline, batch_ns, clock);
  std::vector<double> ratios;
  for (int round = 0; round < options.rounds; ++round) {
    double subject_ns = 0, baseline_ns = 0;
    if (round % 2 == 0) baseline_ns = time_batch(baseline, baseline_steps, clock);
    subject_ns = time_batch(subject, subject_steps, clock);
    if (round % 2 == 1) baseline_ns = time_batch(baseline, baseline_steps, clock);
    ratios.push_back((subject_ns / static_cast<double>(subject_steps)) / (baseline_ns / static_cast<double>(baseline_steps)));
  }
  std::sort(ratios.begin(), ratios.end());
  if (ratios.empty()) return {};
  return {quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75), options.rounds};
}

}  // namespace lafita::bench
