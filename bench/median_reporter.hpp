#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace lafita::bench {

// Google Benchmark's console table, keeping each benchmark's CPU time for ratios printed
// at the end: the median of the repetitions with --benchmark_repetitions, else the one run.
// Names are "BM_Name/args".
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      repetitions_ = std::max<int64_t>(repetitions_, run.repetitions);
      const std::string& args = run.run_name.args;
      const bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
      const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
      if (single || median) cpu_ns_[run.run_name.function_name + (args.empty() ? "" : "/" + args)] = run.GetAdjustedCPUTime();
    }
  }

  const std::map<std::string, double>& cpu_ns() const { return cpu_ns_; }
  bool medians() const { return repetitions_ > 1; }
  std::optional<double> ratio(const std::string& name, const std::string& base) const {
    const auto a = cpu_ns_.find(name), b = cpu_ns_.find(base);
    if (a == cpu_ns_.end() || b == cpu_ns_.end()) return std::nullopt;
    return a->second / b->second;
  }

 private:
  std::map<std::string, double> cpu_ns_;
  int64_t repetitions_ = 1;
};

// A benchmark program's main(): runs the benchmarks the command line selects and reports
// them with `Reporter`.
template <typename Reporter>
int run_benchmarks(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  Reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

}  // namespace lafita::bench
