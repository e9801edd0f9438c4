// attune demo generate: a deterministic, clearly fictional demo school.
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/demo_sign_ins.h"
#include "demo/demo_school.h"
#include "demo/history.h"
#include "demo/oneroster_export.h"
#include "storage/databases.h"

namespace attune::cli {

Runner RegisterDemo(CLI::App& app) {
  struct Flags {
    CommonFlags common;
    demo::DemoOptions options;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* demo = app.add_subcommand("demo", "Demo data");
  demo->require_subcommand(1);
  CLI::App* gen = demo->add_subcommand("generate", "Create the demo school(s) in the database");
  AddCommonFlags(*gen, flags->common);
  gen->add_option("--schools", flags->options.schools, "Schools to create (default: 1)")
      ->check(CLI::Range(1, 10000));
  gen->add_option("--pupils", flags->options.pupils, "Pupils per school (default: 400)")
      ->check(CLI::Range(10, 5000));
  gen->add_option("--days", flags->options.days,
                  "School days of behaviour history up to yesterday, recorded through the "
                  "policy (default: 60)")
      ->check(CLI::Range(0, demo::kMostHistoryDays));
  gen->add_option("--years", flags->options.years,
                  "Instead of --days: this school year's history so far and the years before "
                  "it, up to 5 (a pupil's history begins when they joined Year 7)")
      ->check(CLI::Range(0, demo::kMostHistoryYears));
  gen->add_option("--seed", flags->options.seed, "Random seed (default: 20260901)");
  gen->add_flag("!--no-organisations", flags->options.organisations,
                "Without the demo trust and local authority (default: with them, holding the "
                "demo schools, a person each to sign in as)");
  struct HistoryFlags {
    CommonFlags common;
    demo::HistoryOptions options;
    std::string to;
    long long school = 0;
  };
  auto history = std::make_shared<HistoryFlags>();
  CLI::App* hist = demo->add_subcommand(
      "history", "Write fictional behaviour history as CSV, for policy simulate");
  AddCommonFlags(*hist, history->common);
  hist->add_option("--to", history->to, "The CSV file to write")->required();
  hist->add_option("--days", history->options.days, "School days of history (default: 60)")
      ->check(CLI::Range(1, demo::kMostHistoryDays));
  hist->add_option("--years", history->options.years,
                   "Instead of --days: this school year's history and the years before it, up "
                   "to 5")
      ->check(CLI::Range(0, demo::kMostHistoryYears));
  hist->add_option("--seed", history->options.seed, "Random seed (default: 20260901)");
  hist->add_option("--school", history->school, "School id (default: the first school)");
  auto roster = std::make_shared<demo::OneRosterExportOptions>();
  CLI::App* oneroster = demo->add_subcommand(
      "oneroster",
      "Write a fictional secondary school's MIS export (OneRoster 1.1 CSV), for "
      "attune import");
  oneroster->add_option("--out", roster->out, "The folder to write the CSV files into")->required();
  oneroster->add_option("--pupils", roster->pupils, "Pupils in Years 7-11 (default: 2000)")
      ->check(CLI::Range(10, 50000));
  oneroster
      ->add_option("--staff", roster->staff, "Staff (default: 3 for every 100 pupils, at least 30)")
      ->check(CLI::Range(10, 5000));
  oneroster->add_option("--seed", roster->seed, "Random seed (default: 20260901)");
  return [flags, gen, hist, history, oneroster, roster] {
    if (oneroster->parsed()) {
      auto counts = demo::WriteOneRosterExport(*roster);
      if (!counts.ok()) return Fail(counts.status());
      std::cout << "Wrote a OneRoster export of " << counts->pupils << " pupils, " << counts->staff
                << " staff, " << counts->forms << " forms, " << counts->groups
                << " teaching groups and " << counts->enrollments << " enrollments to "
                << roster->out << "\n";
      return 0;
    }
    if (hist->parsed()) {
      auto config = ResolveConfig(history->common);
      if (!config.ok()) return Fail(config.status());
      auto store = OpenMigratedStore(*config);
      if (!store.ok()) return Fail(store.status());
      auto school = ChooseSchool(**store, history->school);
      if (!school.ok()) return Fail(school.status());
      history->options.until = LondonDate(Now());
      auto csv = demo::DemoHistoryCsv(**store, *school, history->options);
      if (!csv.ok()) return Fail(csv.status());
      std::ofstream out(history->to);
      out << *csv;
      if (!out) return Fail(Status::Invalid("cannot write " + history->to, "to"));
      std::cout << "Wrote " << std::count(csv->begin(), csv->end(), '\n') - 1
                << " rows (records and plan outcomes) to " << history->to << "\n";
      return 0;
    }
    (void)gen;
    auto config = ResolveConfig(flags->common);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    auto result = demo::GenerateDemo(**store, flags->options);
    if (!result.ok()) return Fail(result.status());
    std::cout << "Created " << result->school_ids.size() << " demo school(s) with "
              << result->pupils << " pupils, " << result->staff << " staff and " << result->records
              << " records in " << DescribeDatabase(config->db) << "\n";
    PrintDemoSignIns(**store, std::cout);
    return 0;
  };
}

}  // namespace attune::cli
