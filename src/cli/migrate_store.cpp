// attune migrate-store --from FILE --to URL: moves a school from its SQLite
// file to a PostgreSQL database, every record kept, and checks the copy.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "storage/databases.h"

namespace attune::cli {

Runner RegisterMigrateStore(CLI::App& app) {
  struct Flags {
    std::string from;
    std::string to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "migrate-store", "Copy a SQLite database into an empty PostgreSQL database and check it");
  cmd->add_option("--from", flags->from, "The SQLite file to copy (it is not changed)")->required();
  cmd->add_option("--to", flags->to,
                  "The empty PostgreSQL database, as postgresql://user@host/name")
      ->required();
  return [flags] {
    const bool terminal = isatty(STDERR_FILENO);
    std::string shown;
    auto progress = [&](const std::string& table, long long rows) {
      if (!terminal) return;
      std::cerr << "\r  " << table << ": " << rows << " rows" << std::string(20, ' ') << std::flush;
      shown = table;
    };
    auto report = CopyStore(flags->from, flags->to, progress);
    if (terminal && !shown.empty()) std::cerr << "\r" << std::string(60, ' ') << "\r";
    if (!report.ok()) return Fail(report.status());
    long long rows = 0;
    for (const auto& [table, n] : report->tables) rows += n;
    std::cout << "Copied " << rows << " rows in " << report->tables.size() << " tables from "
              << flags->from << " to " << DescribeDatabase(flags->to) << ".\n"
              << "Checked: every table's count is the same on both, and " << report->rows_compared
              << " sampled rows are identical.\n";
    for (const auto& [table, n] : report->tables) {
      if (n > 0) std::cout << "  " << table << ": " << n << "\n";
    }
    return 0;
  };
}

}  // namespace attune::cli
