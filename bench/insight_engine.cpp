// The insight engine alone (src/insight/index.h), for docs/performance.md:
// the synthetic local authority of synthetic_authority.h (200 schools,
// 150,000 pupils, five school years, RECORDS involved-pupil rows with
// weekday and hour peaks and a few pupils with many records) loaded as the
// server loads it (LoadEngine: batches, then in order of day), then the Big 5 and the heatmap asked
// with "every class but prosocial" over every school and over one school, warm medians of 21 runs;
// and the memory-bandwidth floor of bandwidth_floor.h on the same threads. insight_bench.sh asks
// SQLite and DuckDB the same on the same rows. Usage: build/bench/insight_engine [RECORDS, default
// 10000000]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bandwidth_floor.h"
#include "insight/index.h"
#include "synthetic_authority.h"
#include "timing.h"

using namespace attune;
using namespace attune::bench;

int main(int argc, char** argv) {
  long long records = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
  std::vector<SyntheticRow> rows = MakeAuthority(records);
  attune::insight::Index index;
  long before = ResidentMb();
  auto start = Clock::now();
  LoadEngine(index, rows);
  // resident_mb: what the engine added, not the generated rows.
  std::printf("loaded records=%lld s=%.1f resident_mb=%ld threads=%u\n", records,
              Ms(Clock::now() - start) / 1000, ResidentMb() - before,
              std::thread::hardware_concurrency());
  rows = {};

  insight::Filter all;
  for (int s = 1; s <= kSchools; ++s) all.schools.push_back(s);
  all.classes = 0b1110;  // every class but prosocial
  insight::Filter one = all;
  one.schools = {17};
  long long total = 0;
  double ms_all = WarmMedian([&] { total = index.Query(all, 20).total; }).median_ms;
  std::printf("engine=attune filter=all_but_prosocial records=%lld ms=%.2f total=%lld\n", records,
              ms_all, total);
  double ms_nopupil = WarmMedian([&] { total = index.Query(all, 0).total; }).median_ms;
  std::printf("engine=attune filter=all_but_prosocial_no_pupils records=%lld ms=%.2f\n", records,
              ms_nopupil);
  double ms_one = WarmMedian([&] { total = index.Query(one, 20).total; }).median_ms;
  std::printf("engine=attune filter=one_school records=%lld ms=%.2f total=%lld\n", records, ms_one,
              total);

  std::printf("floor=read_every_column records=%lld ms=%.2f\n", records,
              ReadEveryColumnMs(records));
  return 0;
}
