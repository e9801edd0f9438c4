// The insight engine alone (src/insight/index.h), for docs/performance.md
// while its benchmark against SQLite and DuckDB (issue 14) is built: a
// synthetic local authority (200 schools, 150,000 pupils, five school
// years, RECORDS rows with weekday and hour peaks and a few pupils with many
// records) added row by row, then the Big 5 and the heatmap asked with
// "every class but prosocial" over every school and over one school, warm
// medians of 21 runs; and the floor: one pass reading every column the
// query reads, summing them, on the same threads.
// Usage: build/bench/insight_engine [RECORDS, default 10000000]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "insight/index.h"

using namespace attune;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

long ResidentMb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096 / (1024 * 1024);
}

template <typename F>
double Median(F run, int n = 21) {
  std::vector<double> t;
  for (int i = 0; i < n; ++i) {
    auto start = Clock::now();
    run();
    t.push_back(Ms(Clock::now() - start));
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  long long records = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
  const int schools = 200, pupils_per_school = 750;
  std::mt19937_64 rng(20261206);
  std::vector<std::string> categories;
  for (int i = 0; i < 30; ++i) categories.push_back("category_" + std::to_string(i));
  std::vector<std::string> places;
  for (int i = 0; i < 20; ++i) places.push_back(i ? "Place " + std::to_string(i) : "");
  // Weekday and hour peaks: Monday and Friday afternoons, after lunch.
  std::discrete_distribution<int> hour(
      {0, 0, 0, 0, 0, 0, 0, 0, 3, 8, 9, 10, 12, 14, 13, 9, 2, 0, 0, 0, 0, 0, 0, 0});
  std::discrete_distribution<int> weekday({12, 9, 9, 10, 13});
  std::discrete_distribution<int> cls({35, 40, 20, 5});
  std::uniform_int_distribution<int> week(0, 5 * 39 - 1), school(1, schools), minute(0, 59),
      category(0, 29), place(0, 19), staff(1, 80), year(7, 11);
  std::geometric_distribution<int> pupil(0.01);
  attune::insight::Index index;
  auto start = Clock::now();
  date::sys_days first = date::sys_days(date::year{2021} / 9 / 6);  // a Monday
  for (long long i = 0; i < records; ++i) {
    insight::Row r;
    r.school_id = school(rng);
    int w = week(rng);
    r.day = Date(first + date::days((w / 39) * 52 * 7 + (w % 39) * 7 + weekday(rng)));
    r.minute = hour(rng) * 60 + minute(rng);
    r.category = categories[static_cast<size_t>(category(rng))];
    r.behaviour_class = cls(rng);
    r.place = places[static_cast<size_t>(place(rng))];
    r.staff_id = r.school_id * 1000 + staff(rng);
    r.pupil_id = r.school_id * 10000 + std::min(pupil(rng), pupils_per_school - 1);
    r.year_group = year(rng);
    r.restricted = rng() % 50 == 0;
    index.Add(r);
  }
  std::printf("loaded records=%lld s=%.1f resident_mb=%ld threads=%u\n", records,
              Ms(Clock::now() - start) / 1000, ResidentMb(), std::thread::hardware_concurrency());

  insight::Filter all;
  for (int s = 1; s <= schools; ++s) all.schools.push_back(s);
  all.classes = 0b1110;  // every class but prosocial
  insight::Filter one = all;
  one.schools = {17};
  long long total = 0;
  double ms_all = Median([&] { total = index.Query(all, 20).total; });
  std::printf("engine=attune filter=all_but_prosocial records=%lld ms=%.2f total=%lld\n", records,
              ms_all, total);
  double ms_nopupil = Median([&] { total = index.Query(all, 0).total; });
  std::printf("engine=attune filter=all_but_prosocial_no_pupils records=%lld ms=%.2f\n", records,
              ms_nopupil);
  double ms_one = Median([&] { total = index.Query(one, 20).total; });
  std::printf("engine=attune filter=one_school records=%lld ms=%.2f total=%lld\n", records, ms_one,
              total);

  // The floor: the same bytes read once and summed (19 bytes a row).
  std::vector<uint16_t> a(static_cast<size_t>(records)), b(a.size()), c(a.size()), d(a.size());
  std::vector<uint32_t> e(a.size()), f(a.size());
  std::vector<uint8_t> g(a.size()), h(a.size()), k(a.size());
  for (size_t i = 0; i < a.size(); ++i) a[i] = b[i] = c[i] = d[i] = static_cast<uint16_t>(i);
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<unsigned long long> sums(threads);
  double floor = Median([&] {
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
  });
  std::printf("floor=read_every_column records=%lld ms=%.2f\n", records, floor);
  return 0;
}
