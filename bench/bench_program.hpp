#pragma once

#include "bench/interleaved_ratio.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace lafita::bench {

// A time ratio a benchmark program prints. Subject and baseline are the names Google
// Benchmark gives their benchmarks ("BM_Layout/1720"), which also name their workloads.
struct Ratio {
  std::string label;
  std::string subject, baseline;
  std::string bar;  // printed after the figure; may be empty
};

// What a benchmark program measures besides the benchmarks it registers with Google Benchmark.
struct BenchProgram {
  std::string title;                          // heads the ratios
  std::map<std::string, Workload> workloads;  // every ratio's subject and baseline, by name
  std::vector<Ratio> ratios;
  std::function<void()> after;                // prints more after the ratios; may be empty
};

// A benchmark program's main(). Starts the program again with address-space randomisation
// off, runs the benchmarks Google Benchmark's flags select, then measures interleaved
// (measure_ratio) each ratio whose subject was among them. It also takes:
//   --ratio_rounds=N       rounds per ratio (default 61; 0 measures no ratio)
//   --ratio_batch_ms=M     milliseconds each side of a round lasts (default 20)
//   --list_ratios          prints "subject<TAB>baseline<TAB>label<TAB>bar" per ratio, nothing else
//   --workload=NAME --iterations=N
//                          sets NAME up, runs one step, then N steps with callgrind's
//                          instrumentation on (bench/callgrind-ratios), nothing else
// Returns the process's exit status: 1 on a bad flag or an unknown workload.
int run_bench_program(int argc, char** argv, const BenchProgram& program);

}  // namespace lafita::bench
