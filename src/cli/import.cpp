// attune import oneroster DIR and attune import csv FILE --kind pupils|staff:
// pupils, staff, forms and teaching groups from the school's MIS, with a
// progress bar on a terminal and a summary of what changed. Exit status: 0
// imported, 3 imported with bad rows left out, 2 nothing imported as the
// export cannot be read, 1 nothing imported for another reason.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "cli/progress.h"
#include "import/importer.h"

namespace attune::cli {
namespace {

struct ImportFlags {
  CommonFlags common;
  std::string path;
  std::string kind;
  long long school_id = 0;
  bool dry_run = false;
  bool allow_many_leavers = false;
};

void AddImportFlags(CLI::App& command, ImportFlags& flags) {
  AddCommonFlags(command, flags.common);
  command.add_flag("--dry-run", flags.dry_run,
                   "Check the export and say what would change, writing nothing");
}

// Runs `import` (the engine, with options filled) and prints the report.
template <typename Run>
int Report(ImportFlags& flags, Run run) {
  auto config = ResolveConfig(flags.common);
  if (!config.ok()) return Fail(config.status());
  auto store = OpenMigratedStore(*config);
  if (!store.ok()) return Fail(store.status());
  Progress progress;
  import::ImportOptions options;
  options.dry_run = flags.dry_run;
  options.school_id = flags.school_id;
  options.allow_many_leavers = flags.allow_many_leavers;
  options.source = flags.path;
  options.keep_record = true;
  options.progress = [&](const std::string& step, long long done, long long total) {
    progress.Show(step, done, total);
  };
  import::RosterImport engine(**store);
  auto report = run(engine, **store, options);
  progress.Finish();
  if (!report.ok()) return Fail(report.status());
  std::cout << report->Summary();
  return report->bad_row_count > 0 ? 3 : 0;
}

}  // namespace

Runner RegisterImport(CLI::App& app) {
  auto roster = std::make_shared<ImportFlags>();
  auto plain = std::make_shared<ImportFlags>();
  CLI::App* command =
      app.add_subcommand("import", "Pupils, staff, forms and teaching groups from the MIS");
  command->require_subcommand(1);
  CLI::App* oneroster = command->add_subcommand(
      "oneroster", "Import a OneRoster 1.1 CSV export (the folder it was unzipped into)");
  AddImportFlags(*oneroster, *roster);
  oneroster->add_option("dir", roster->path, "The folder holding manifest.csv and the rest")
      ->required();
  oneroster->add_option("--school", roster->school_id,
                        "Import only the export's school that is this attune school (default: "
                        "every school of the export, matched or created)");
  oneroster->add_flag("--allow-many-leavers", roster->allow_many_leavers,
                      "Import even when the export would mark more than half of a school's "
                      "pupils or active staff as left");
  CLI::App* csv = command->add_subcommand(
      "csv", "Import a plain pupils or staff CSV (columns: docs/import.md)");
  AddImportFlags(*csv, *plain);
  csv->add_option("file", plain->path, "The CSV file")->required();
  csv->add_option("--kind", plain->kind, "pupils or staff")
      ->required()
      ->check(CLI::IsMember({"pupils", "staff"}));
  csv->add_option("--school", plain->school_id, "School id (default: the first school)");
  return [roster, plain, oneroster] {
    if (oneroster->parsed()) {
      return Report(
          *roster, [&](import::RosterImport& engine, Store&, const import::ImportOptions& options) {
            auto files = import::ReadExportFolder(roster->path);
            if (!files.ok()) return Result<import::ImportReport>(files.status());
            return engine.OneRoster(*files, options);
          });
    }
    return Report(*plain,
                  [&](import::RosterImport& engine, Store& store,
                      import::ImportOptions options) -> Result<import::ImportReport> {
                    auto school = ChooseSchool(store, plain->school_id);
                    if (!school.ok()) return school.status();
                    options.school_id = *school;
                    std::ifstream in(plain->path, std::ios::binary);
                    if (!in) return Status::Invalid("cannot read " + plain->path, "file");
                    std::ostringstream text;
                    text << in.rdbuf();
                    auto kind = plain->kind == "pupils" ? import::PlainKind::kPupils
                                                        : import::PlainKind::kStaff;
                    std::string name = plain->path.substr(plain->path.find_last_of('/') + 1);
                    return engine.PlainCsv(kind, name, text.str(), options);
                  });
  };
}

}  // namespace attune::cli
