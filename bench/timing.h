// Timing and memory for the benchmarks in bench/: wall-clock milliseconds,
// warm medians and the process's resident memory.
#pragma once

#include <algorithm>
#include <chrono>
#include <fstream>
#include <vector>

namespace attune::bench {

using Clock = std::chrono::steady_clock;

inline double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// Resident memory of this process now, in MiB (Linux).
inline long ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096 / (1024 * 1024);
}

// What a warm median was made of.
struct Timing {
  double median_ms = 0;
  int runs = 0;  // timed runs, after one untimed run that warms the caches
};

// Runs `run` once to warm the caches, then times it `max_runs` times or,
// for a slow one, as many times as fit in `budget_ms` (at least
// `min_runs`), and returns the median.
// REQUIRES: 1 <= min_runs <= max_runs.
template <typename F>
Timing WarmMedian(F run, int max_runs = 21, double budget_ms = 60'000, int min_runs = 3) {
  run();
  std::vector<double> t;
  double spent = 0;
  while (static_cast<int>(t.size()) < max_runs &&
         (static_cast<int>(t.size()) < min_runs || spent < budget_ms)) {
    auto start = Clock::now();
    run();
    t.push_back(Ms(Clock::now() - start));
    spent += t.back();
  }
  std::sort(t.begin(), t.end());
  return {t[t.size() / 2], static_cast<int>(t.size())};
}

}  // namespace attune::bench
