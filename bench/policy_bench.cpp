// Micro-benchmarks of the policy layer (figures in docs/performance.md):
//  - Decide() for a pupil with 1,000 past records (target: microseconds);
//  - loading and checking the largest shipped policy (attune policy check).
// Run: build/bench/policy_bench --benchmark_min_time=1
#include <benchmark/benchmark.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/engine.h"
#include "policy/loader.h"

namespace attune::policy {
namespace {

std::string ReadPolicyText(const std::string& name) {
  std::ifstream in(std::filesystem::path(ATTUNE_SOURCE_DIR) / "policies" / name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string LargestPolicy() {
  std::string best;
  size_t size = 0;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(ATTUNE_SOURCE_DIR) / "policies")) {
    if (e.path().extension() == ".toml" && e.file_size() > size) {
      size = e.file_size();
      best = e.path().filename().string();
    }
  }
  return best;
}

SchoolTime DemoSchoolTime() {
  std::vector<Period> periods;
  int starts[] = {8 * 60 + 55, 9 * 60 + 55, 11 * 60 + 15, 13 * 60, 14 * 60};
  for (int i = 0; i < 5; ++i) {
    periods.push_back(
        Period{i + 1, 1, i + 1, "P" + std::to_string(i + 1), starts[i], starts[i] + 60, true});
  }
  std::vector<CalendarEntry> calendar = {
      {1, 1, "term", "Autumn", *ParseDate("2026-09-02"), *ParseDate("2026-12-18")},
      {2, 1, "half_term", "Autumn 1", *ParseDate("2026-09-02"), *ParseDate("2026-10-23")},
      {3, 1, "half_term", "Autumn 2", *ParseDate("2026-11-02"), *ParseDate("2026-12-18")},
      {4, 1, "inset", "INSET day", *ParseDate("2026-11-27"), *ParseDate("2026-11-27")}};
  return SchoolTime(calendar, periods);
}

void BM_DecideWith1000PastRecords(benchmark::State& state) {
  LoadResult loaded = LoadPolicy(ReadPolicyText("004_blue_sky_learning.toml"));
  if (!loaded.ok()) {
    state.SkipWithError("policy did not load");
    return;
  }
  const Policy& policy = *loaded.policy;
  SchoolTime time = DemoSchoolTime();
  PupilContext pupil;
  pupil.sen = "K";
  Timestamp start = LondonInstant(*ParseDate("2026-09-02"), 9 * 60);
  std::vector<std::string> categories;
  for (const auto& c : policy.categories) categories.push_back(c.id);
  for (int i = 0; i < state.range(0); ++i) {
    const Category* c = policy.FindCategory(categories[i % categories.size()]);
    std::string step;
    if (c->behaviour_class != BehaviourClass::kProsocial && !c->planned_ignoring) {
      step = policy.steps[i % 4].id;
    }
    // Spread over the autumn term, a few records a school day.
    pupil.history.push_back({start + std::chrono::minutes(i * 97), c->id, step});
  }
  Observation obs;
  obs.category = "low_level_disruption";
  obs.at = LondonInstant(*ParseDate("2026-12-14"), 10 * 60);
  for (auto _ : state) {
    Decision d = Decide(policy, time, pupil, obs);
    benchmark::DoNotOptimize(d);
  }
  state.SetLabel("history " + std::to_string(state.range(0)));
}
BENCHMARK(BM_DecideWith1000PastRecords)->Arg(0)->Arg(100)->Arg(1000)->Unit(benchmark::kMicrosecond);

void BM_PolicyCheckLargest(benchmark::State& state) {
  std::string name = LargestPolicy();
  std::string text = ReadPolicyText(name);
  for (auto _ : state) {
    LoadResult loaded = LoadPolicy(text);
    benchmark::DoNotOptimize(loaded);
  }
  state.SetLabel(name + ", " + std::to_string(text.size()) + " bytes");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PolicyCheckLargest)->Unit(benchmark::kMicrosecond);

// The peer: toml++ parsing the same file, with no checking at all.
void BM_TomlParseOnlyLargest(benchmark::State& state) {
  std::string text = ReadPolicyText(LargestPolicy());
  for (auto _ : state) {
    toml::table t = toml::parse(text);
    benchmark::DoNotOptimize(t);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_TomlParseOnlyLargest)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace attune::policy

BENCHMARK_MAIN();
