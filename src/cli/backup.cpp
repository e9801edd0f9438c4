// attune backup --to FILE: an online copy of the live database (on
// PostgreSQL, the server's own pg_dump in its custom format).
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "storage/databases.h"

namespace attune::cli {

Runner RegisterBackup(CLI::App& app) {
  struct Flags {
    CommonFlags common;
    std::string to;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("backup", "Copy the database while it is in use");
  AddCommonFlags(*cmd, flags->common);
  cmd->add_option("--to", flags->to, "The backup file to write (must not exist)")->required();
  return [flags] {
    auto config = ResolveConfig(flags->common);
    if (!config.ok()) return Fail(config.status());
    if (flags->to.empty()) return Fail(Status::Invalid("name the backup file to write", "to"));
    if (std::filesystem::exists(flags->to)) {
      return Fail(Status::Invalid(flags->to + " already exists; choose a new file", "to"));
    }
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    if (Status st = (*store)->Backup(flags->to); !st.ok()) return Fail(st);
    std::cout << "Backed up " << DescribeDatabase(config->db) << " to " << flags->to << "\n";
    return 0;
  };
}

}  // namespace attune::cli
