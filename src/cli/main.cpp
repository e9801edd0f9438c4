// attune: one binary with sub-commands. See README.md for configuration.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>

#include "cli/commands.h"
#include "core/secrets.h"

int main(int argc, char** argv) {
  using namespace attune::cli;
  CLI::App app{"attune: a school's therapeutic, relational behaviour policy, every day"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("attune ") + ATTUNE_VERSION);
  std::map<CLI::App*, Runner> runners;
  for (auto reg : {RegisterServe, RegisterDemo, RegisterUser, RegisterParent, RegisterToken,
                   RegisterMigrate, RegisterMigrateStore, RegisterBackup, RegisterRoutes,
                   RegisterPolicy, RegisterImport, RegisterOrganisation}) {
    size_t before = app.get_subcommands({}).size();
    Runner run = reg(app);
    runners[app.get_subcommands({})[before]] = run;
  }
  CLI11_PARSE(app, argc, argv);

  if (!attune::InitSecrets().ok()) {
    std::cerr << "attune: libsodium could not start\n";
    return 1;
  }
  for (auto* sub : app.get_subcommands()) {
    auto it = runners.find(sub);
    if (it != runners.end()) return it->second();
  }
  std::cerr << app.help();
  return 2;
}
