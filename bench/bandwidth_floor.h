// The memory-bandwidth floor an insight query is measured against: one pass
// over `rows` rows of 19 bytes (four 16-bit, two 32-bit and three 8-bit
// columns, as many bytes a row as the engine's columns held when the floor
// was first measured), each row's values summed, on every core, as the
// engine's scan uses them. Nothing can answer a question that reads those
// columns faster on this machine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

#include "timing.h"

namespace attune::bench {

// The warm median of 21 passes, in milliseconds.
inline double ReadEveryColumnMs(long long rows) {
  std::vector<uint16_t> a(static_cast<size_t>(rows)), b(a.size()), c(a.size()), d(a.size());
  std::vector<uint32_t> e(a.size()), f(a.size());
  std::vector<uint8_t> g(a.size()), h(a.size()), k(a.size());
  for (size_t i = 0; i < a.size(); ++i) a[i] = b[i] = c[i] = d[i] = static_cast<uint16_t>(i);
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<unsigned long long> sums(threads);
  return WarmMedian([&] {
           std::vector<std::thread> pool;
           for (unsigned t = 0; t < threads; ++t) {
             pool.emplace_back([&, t] {
               size_t begin = a.size() * t / threads, end = a.size() * (t + 1) / threads;
               unsigned long long s = 0;
               for (size_t i = begin; i < end; ++i) {
                 s += a[i] + b[i] + c[i] + d[i] + e[i] + f[i] + g[i] + h[i] + k[i];
               }
               sums[t] = s;
             });
           }
           for (auto& p : pool) p.join();
         })
      .median_ms;
}

}  // namespace attune::bench
