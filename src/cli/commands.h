// The sub-commands of `attune`. Each Register function adds its command to
// the app and returns the function to run when it is chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace attune::cli {

using Runner = std::function<int()>;

Runner RegisterServe(CLI::App& app);
Runner RegisterDemo(CLI::App& app);
Runner RegisterUser(CLI::App& app);
Runner RegisterParent(CLI::App& app);
Runner RegisterToken(CLI::App& app);
Runner RegisterMigrate(CLI::App& app);
Runner RegisterMigrateStore(CLI::App& app);
Runner RegisterBackup(CLI::App& app);
Runner RegisterRoutes(CLI::App& app);
Runner RegisterPolicy(CLI::App& app);
Runner RegisterImport(CLI::App& app);
Runner RegisterOrganisation(CLI::App& app);

}  // namespace attune::cli
