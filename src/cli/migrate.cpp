// attune migrate: apply pending migrations and report the schema version.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "storage/databases.h"

namespace attune::cli {

Runner RegisterMigrate(CLI::App& app) {
  auto flags = std::make_shared<CommonFlags>();
  CLI::App* cmd = app.add_subcommand("migrate", "Apply database migrations in order");
  AddCommonFlags(*cmd, *flags);
  return [flags] {
    auto config = ResolveConfig(*flags);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    auto version = (*store)->SchemaVersion();
    if (!version.ok()) return Fail(version.status());
    std::cout << DescribeDatabase(config->db) << " is at schema version " << *version << "\n";
    return 0;
  };
}

}  // namespace attune::cli
