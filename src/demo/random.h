// DemoRandom: the seeded pseudo-random generator behind the demo school.
//
// SplitMix64 with our own range reduction, so the same seed gives the same
// numbers on every compiler and standard library (unlike
// std::uniform_int_distribution). Each concern (staff, pupils, timetable…)
// of each school draws from its own stream, so changing how one concern uses
// its numbers leaves the others' data as it was.
//
// Thread-safety: a DemoRandom is used by one thread at a time.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace attune::demo {

class DemoRandom {
 public:
  // The stream named `stream` of school number `school` (1-based) for `seed`.
  DemoRandom(unsigned long long seed, std::string_view stream, int school);

  // The next 64 random bits.
  uint64_t Next();
  // Uniform in [0, n). REQUIRES: n > 0.
  uint64_t Below(uint64_t n);
  // Uniform in [low, high]. REQUIRES: low <= high.
  int Between(int low, int high);
  // True with probability `p` (0..1).
  bool Chance(double p);
  // Index drawn in proportion to `weights`. REQUIRES: some weight > 0.
  size_t Weighted(const std::vector<int>& weights);

  // A uniformly chosen element. REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

  // Fisher–Yates shuffle in place.
  template <typename T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }

 private:
  uint64_t state_;
};

}  // namespace attune::demo
