// The answers to the six insight questions (the SWIS Big 5 and the weekday ×
// hour heatmap) as any engine gives them, and the one text form they are
// written in, so the answers of attune, SQLite and DuckDB
// (insight_duckdb.mjs writes the same form) compare byte for byte:
//
//   total <n>
//   day <YYYY-MM-DD> <n>                   days with records, in order
//   category <id> <n>                      by count, most first, then id
//   place <name> <n>                       the same; "" for none
//   hour <0-23> <n>                        London time, hours with records
//   heatmap <weekday 0 Monday> <hour> <n>  cells with records
//   pupil <id> <n>                         the 20 with most, then by id
//
// one line each, the fields separated by tabs.
#pragma once

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "insight/index.h"

namespace attune::bench {

struct Answer {
  long long total = 0;
  std::vector<std::pair<std::string, long long>> by_day, by_category, by_place;
  std::array<long long, 24> by_hour{};
  std::array<std::array<long long, 24>, 7> heatmap{};
  std::vector<std::pair<long long, long long>> by_pupil;
};

inline Answer FromCounts(const insight::Counts& c) {
  Answer a;
  a.total = c.total;
  for (const auto& [day, n] : c.by_day) a.by_day.emplace_back(FormatDate(day), n);
  a.by_category = c.by_category;
  a.by_place = c.by_place;
  a.by_hour = c.by_hour;
  a.heatmap = c.heatmap;
  a.by_pupil = c.by_pupil;
  return a;
}

// Writes `a` to `path` in the form above. False when the file cannot be
// written.
inline bool WriteAnswer(Answer a, const std::string& path) {
  auto ranked = [](std::vector<std::pair<std::string, long long>>& v) {
    std::sort(v.begin(), v.end(), [](const auto& x, const auto& y) {
      return x.second != y.second ? x.second > y.second : x.first < y.first;
    });
  };
  ranked(a.by_category);
  ranked(a.by_place);
  std::sort(a.by_day.begin(), a.by_day.end());
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  std::fprintf(f, "total\t%lld\n", a.total);
  for (const auto& [day, n] : a.by_day) std::fprintf(f, "day\t%s\t%lld\n", day.c_str(), n);
  for (const auto& [id, n] : a.by_category) std::fprintf(f, "category\t%s\t%lld\n", id.c_str(), n);
  for (const auto& [name, n] : a.by_place) std::fprintf(f, "place\t%s\t%lld\n", name.c_str(), n);
  for (int h = 0; h < 24; ++h) {
    if (a.by_hour[h]) std::fprintf(f, "hour\t%d\t%lld\n", h, a.by_hour[h]);
  }
  for (int w = 0; w < 7; ++w) {
    for (int h = 0; h < 24; ++h) {
      if (a.heatmap[w][h]) std::fprintf(f, "heatmap\t%d\t%d\t%lld\n", w, h, a.heatmap[w][h]);
    }
  }
  for (const auto& [id, n] : a.by_pupil) std::fprintf(f, "pupil\t%lld\t%lld\n", id, n);
  return std::fclose(f) == 0;
}

}  // namespace attune::bench
