#include "bench/bench_program.hpp"

#include <benchmark/benchmark.h>
#include <sys/personality.h>
#include <unistd.h>
#include <valgrind/callgrind.h>
#include <valgrind/valgrind.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string_view>

namespace lafita::bench {
namespace {

struct Flags {
  RatioOptions ratio;
  bool list_ratios = false;
  std::string workload;
  long iterations = 0;
};

// The value of `arg` if it is `--name=value`.
std::optional<std::string_view> flag_value(std::string_view arg, std::string_view name) {
  if (arg.substr(0, 2) != "--" || arg.substr(2, name.size()) != name || arg.substr(2 + name.size(), 1) != "=") return std::nullopt;
  return arg.substr(3 + name.size());
}

// Takes this file's flags out of argv (Google Benchmark has taken its own); false on a bad value.
bool take_flags(int& argc, char** argv, Flags& flags) {
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    char* end = nullptr;
    if (const auto rounds = flag_value(arg, "ratio_rounds")) {
      flags.ratio.rounds = static_cast<int>(std::strtol(rounds->data(), &end, 10));
    } else if (const auto ms = flag_value(arg, "ratio_batch_ms")) {
      flags.ratio.batch = std::chrono::milliseconds(std::strtol(ms->data(), &end, 10));
    } else if (const auto name = flag_value(arg, "workload")) {
      flags.workload = *name;
    } else if (const auto iterations = flag_value(arg, "iterations")) {
      flags.iterations = std::strtol(iterations->data(), &end, 10);
    } else if (arg == "--list_ratios") {
      flags.list_ratios = true;
    } else {
      argv[kept++] = argv[i];
    }
    if (end && *end != '\0') {
      std::fprintf(stderr, "%s: bad value in %s\n", argv[0], argv[i]);
      return false;
    }
  }
  argc = kept;
  return flags.ratio.rounds >= 0 && flags.ratio.batch.count() > 0 && flags.iterations >= 0;
}

// Starts this program again with the address space laid out the same in every run, as
// `setarch -R` does: where the heap and the 8 MB surfaces land moved the turned frame / copy
// ratio by +-8 % from one process to the next (+-2 % laid out the same), and the shaper's
// cache hashes pointers. Returns, carrying on randomised, when it cannot; not under
// valgrind, whose layout is fixed anyway.
void without_address_randomisation(char** argv) {
  const int current = personality(0xffffffff);
  if (RUNNING_ON_VALGRIND || current == -1 || (current & ADDR_NO_RANDOMIZE) != 0) return;
  if (personality(static_cast<unsigned long>(current) | ADDR_NO_RANDOMIZE) == -1) return;
  execv("/proc/self/exe", argv);
}

// Google Benchmark's console table, remembering which benchmarks ran.
class RanReporter : public benchmark::ConsoleReporter {
 public:
  RanReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_Tabular) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      names_.insert(run.run_name.function_name + (run.run_name.args.empty() ? "" : "/" + run.run_name.args));
    }
  }
  bool ran(const std::string& name) const { return names_.count(name) != 0; }

 private:
  std::set<std::string> names_;
};

int count_workload(const BenchProgram& program, const Flags& flags) {
  const auto found = program.workloads.find(flags.workload);
  if (found == program.workloads.end()) {
    std::fprintf(stderr, "no workload named %s\n", flags.workload.c_str());
    return 1;
  }
  const Step step = found->second();
  step();  // caches and capacities warm, as in every other measurement
  CALLGRIND_START_INSTRUMENTATION;
  for (long i = 0; i < flags.iterations; ++i) step();
  CALLGRIND_STOP_INSTRUMENTATION;
  return 0;
}

void measure_ratios(const BenchProgram& program, const RanReporter& ran, const RatioOptions& options) {
  bool headed = false;
  for (const Ratio& ratio : program.ratios) {
    if (options.rounds == 0 || !ran.ran(ratio.subject)) continue;
    if (!headed) {
      std::printf("\n%s, interleaved (%d rounds of %lld ms a side, thread CPU time; median, middle half of the rounds):\n",
                  program.title.c_str(), options.rounds,
                  static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(options.batch).count()));
      headed = true;
    }
    const Step subject = program.workloads.at(ratio.subject)();
    const Step baseline = program.workloads.at(ratio.baseline)();
    const RatioFigure r = measure_ratio(subject, baseline, options);
    std::printf("  %-48s %5.2f  %.2f..%.2f (+-%4.1f %%)  %s\n", ratio.label.c_str(), r.median, r.low, r.high,
                50 * (r.high - r.low) / r.median, ratio.bar.c_str());
    std::fflush(stdout);
  }
}

}  // namespace

int run_bench_program(int argc, char** argv, const BenchProgram& program) {
  without_address_randomisation(argv);
  benchmark::Initialize(&argc, argv);
  Flags flags;
  if (!take_flags(argc, argv, flags) || benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (flags.list_ratios) {
    for (const Ratio& r : program.ratios) {
      std::printf("%s\t%s\t%s\t%s\n", r.subject.c_str(), r.baseline.c_str(), r.label.c_str(), r.bar.c_str());
    }
    return 0;
  }
  if (!flags.workload.empty()) return count_workload(program, flags);
  RanReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  measure_ratios(program, reporter, flags.ratio);
  if (program.after) program.after();
  return 0;
}

}  // namespace lafita::bench
