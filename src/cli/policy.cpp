// attune policy check|explain FILE: validate a policy, or say it in plain words.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "policy/explain.h"
#include "policy/loader.h"
#include "policy/simulate.h"

namespace attune::cli {
namespace {

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("cannot read " + path + ": no such file, or not allowed");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Prints every diagnostic; returns the load result.
policy::LoadResult LoadAndReport(const std::string& path, bool quiet_warnings) {
  policy::LoadResult result;
  auto text = ReadWholeFile(path);
  if (!text.ok()) {
    result.diagnostics.push_back({true, 0, 0, text.status().message()});
  } else {
    result = policy::LoadPolicy(*text);
  }
  for (const auto& d : result.diagnostics) {
    if (!d.error && quiet_warnings) continue;
    std::cerr << policy::FormatDiagnostic(path, d) << "\n";
  }
  return result;
}

// Whether `path` is an SQLite database (by its 16-byte header).
bool IsSqliteFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[16] = {};
  in.read(header, sizeof header);
  return in && std::string(header, 15) == "SQLite format 3";
}

}  // namespace

template <typename Flags>
int Simulate(const Flags& flags) {
  auto loaded = LoadAndReport(flags.file, true);
  if (!loaded.ok()) return 1;
  std::optional<policy::LoadResult> other;
  if (!flags.against.empty()) {
    other = LoadAndReport(flags.against, true);
    if (!other->ok()) return 1;
  }
  // History from a database of recorded incidents (the school's own), or
  // from CSV (attune demo history). A database also gives the calendar.
  bool from_db = IsSqliteFile(flags.from);
  auto config = ResolveConfig(flags.common);
  if (!config.ok()) return Fail(config.status());
  if (from_db) config->db = flags.from;
  auto store = OpenMigratedStore(*config);
  if (!store.ok()) return Fail(store.status());
  auto school = ChooseSchool(**store, flags.school);
  if (!school.ok()) return Fail(school.status());
  std::vector<policy::HistoryRow> rows;
  if (from_db) {
    auto recorded = (*store)->ExportHistory(*school);
    if (!recorded.ok()) return Fail(recorded.status());
    std::set<long long> pupils;
    for (const auto& r : *recorded) {
      policy::HistoryRow row;
      row.pupil = std::to_string(r.pupil_id);
      row.at = r.at;
      row.category = r.category;
      row.behaviour_class = policy::ParseClass(r.behaviour_class);
      row.sen = r.sen;
      rows.push_back(std::move(row));
      pupils.insert(r.pupil_id);
    }
    size_t records = rows.size();
    // The plans that ended, with their outcomes, so what the policy
    // proposes after a plan that did not help is replayed too.
    for (long long pupil : pupils) {
      auto plans = (*store)->ListPlans(*school, pupil);
      if (!plans.ok()) return Fail(plans.status());
      for (const auto& p : *plans) {
        if (p.status != "ended" || p.outcome.empty()) continue;
        policy::HistoryRow row;
        row.pupil = std::to_string(pupil);
        row.at = LondonInstant(p.ends_on.value_or(p.started_on), 16 * 60);
        row.plan = p.plan;
        row.outcome = p.outcome;
        rows.push_back(std::move(row));
      }
    }
    std::cout << "Replaying " << records << " recorded records and " << rows.size() - records
              << " plan outcomes from " << flags.from << "\n";
  } else {
    auto text = ReadWholeFile(flags.from);
    if (!text.ok()) return Fail(text.status());
    auto parsed = policy::ParseHistoryCsv(*text);
    if (!parsed.ok()) return Fail(Status::Invalid(flags.from + ": " + parsed.status().message()));
    rows = std::move(*parsed);
  }
  auto calendar = (*store)->ListCalendar(*school);
  auto periods = (*store)->ListPeriods(*school);
  if (!calendar.ok()) return Fail(calendar.status());
  if (!periods.ok()) return Fail(periods.status());
  policy::SchoolTime time(*calendar, *periods);
  policy::Simulation first = policy::Simulate(*loaded.policy, time, rows);
  if (other) {
    policy::Simulation second = policy::Simulate(*other->policy, time, rows);
    std::cout << policy::FormatWorkload(first, &second);
  } else {
    std::cout << policy::FormatWorkload(first);
  }
  return 0;
}

Runner RegisterPolicy(CLI::App& app) {
  struct Flags {
    std::string file;
    bool quiet = false;
    std::string from;
    std::string against;
    long long school = 0;
    CommonFlags common;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("policy", "A school's behaviour policy file");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand(
      "check", "Validate a policy: exit 0 when valid; every error with file:line:column");
  check->add_option("FILE", flags->file, "The policy (TOML)")->required();
  check->add_flag("--quiet", flags->quiet, "Do not print warnings");
  CLI::App* explain =
      cmd->add_subcommand("explain", "Print the policy in plain words a parent could read");
  explain->add_option("FILE", flags->file, "The policy (TOML)")->required();
  CLI::App* simulate = cmd->add_subcommand(
      "simulate", "Replay history through a policy: weekly actions, escalations and guards");
  simulate->add_option("FILE", flags->file, "The policy (TOML)")->required();
  simulate
      ->add_option("--from", flags->from,
                   "Recorded history: an attune database (its incidents), or CSV "
                   "(pupil,at,category,class,sen) from 'attune demo history'")
      ->required();
  simulate->add_option("--against", flags->against, "A second policy to compare, side by side");
  simulate->add_option("--school", flags->school,
                       "School whose calendar and day to use (default: the first in --db)");
  AddCommonFlags(*simulate, flags->common);
  return [flags, check, explain, simulate] {
    if (simulate->parsed()) return Simulate(*flags);
    if (check->parsed()) {
      auto result = LoadAndReport(flags->file, flags->quiet);
      if (!result.ok()) {
        std::cerr << flags->file << ": " << result.errors() << " error(s), " << result.warnings()
                  << " warning(s)\n";
        return 1;
      }
      std::cout << flags->file << ": valid (" << result.policy->school_name << ": "
                << result.policy->categories.size() << " categories, "
                << result.policy->steps.size() << " steps, " << result.warnings()
                << " warning(s))\n";
      return 0;
    }
    if (explain->parsed()) {
      auto result = LoadAndReport(flags->file, true);
      if (!result.ok()) return 1;
      std::cout << policy::ExplainAsText(*result.policy);
      return 0;
    }
    return 2;
  };
}

}  // namespace attune::cli
