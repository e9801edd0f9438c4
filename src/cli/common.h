// Shared by the sub-commands: configuration from file, environment and
// flags, and opening the store.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/config.h"
#include "storage/store.h"

namespace attune::cli {

// Flags every sub-command takes. Values are applied over file and environment.
struct CommonFlags {
  std::string db;
  std::string config_file;
  CLI::Option* db_option = nullptr;
};

// Adds --db and --config to `command`.
void AddCommonFlags(CLI::App& command, CommonFlags& flags);

// Defaults < config file (--config, else $ATTUNE_CONFIG, else ./attune.toml if
// present) < ATTUNE_* environment < flags.
Result<Config> ResolveConfig(const CommonFlags& flags);

// Opens and migrates the database named by `config`.
Result<std::unique_ptr<Store>> OpenMigratedStore(const Config& config);

// `school_id` when given (non-zero), else the first school in the database.
// Invalid when the database holds no school.
Result<long long> ChooseSchool(Store& store, long long school_id);

// Prints "attune: <message>" to stderr and returns exit code 1 (2 for usage).
int Fail(const Status& status);

// `attune user reset-two-step` and `attune organisation reset-two-step`: the
// account with `email` (a member of staff's, else an organisation's
// person's) sets two-step sign-in up again at its next sign-in; audited
// (SecondFactorService::ResetFromCommandLine). The exit code.
int ResetTwoStep(Store& store, const Config& config, const std::string& email);

}  // namespace attune::cli
