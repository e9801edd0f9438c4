#include "cli/common.h"

#include <cstdlib>
#include <iostream>

#include "services/second_factor_service.h"

namespace attune::cli {

void AddCommonFlags(CLI::App& command, CommonFlags& flags) {
  flags.db_option = command.add_option("--db", flags.db,
                                       "SQLite database file, or a postgresql:// URL "
                                       "(default: var/attune.db)");
  command.add_option("--config", flags.config_file,
                     "TOML configuration file (default: $ATTUNE_CONFIG, else ./attune.toml "
                     "when present)");
}

Result<Config> ResolveConfig(const CommonFlags& flags) {
  Config config;
#ifdef ATTUNE_DEFAULT_STATIC_DIR
  config.static_dir = ATTUNE_DEFAULT_STATIC_DIR;
#endif
  std::string file = flags.config_file;
  bool required = !file.empty();
  if (file.empty()) {
    const char* env = std::getenv("ATTUNE_CONFIG");
    file = env ? env : "attune.toml";
    required = env != nullptr;
  }
  ATTUNE_RETURN_IF_ERROR(LoadConfigFile(file, required, config));
  ATTUNE_RETURN_IF_ERROR(LoadConfigEnvironment(config));
  if (flags.db_option && flags.db_option->count() > 0) config.db = flags.db;
  return config;
}

Result<std::unique_ptr<Store>> OpenMigratedStore(const Config& config) {
  StoreOptions options;
  options.path = config.db;
  auto store = OpenStore(options);
  if (!store.ok()) return store.status();
  ATTUNE_RETURN_IF_ERROR((*store)->Migrate());
  return store;
}

Result<long long> ChooseSchool(Store& store, long long school_id) {
  if (school_id != 0) return school_id;
  auto schools = store.ListSchools();
  if (!schools.ok()) return schools.status();
  if (schools->empty()) {
    return Status::Invalid(
        "the database holds no school yet; run 'attune demo generate' or "
        "choose another --db",
        "school");
  }
  return schools->front().id;
}

int Fail(const Status& status) {
  std::cerr << "attune: " << status.message();
  if (!status.field().empty()) std::cerr << " (" << status.field() << ")";
  std::cerr << "\n";
  return status.code() == StatusCode::kInvalid || status.code() == StatusCode::kBadRequest ? 2 : 1;
}

int ResetTwoStep(Store& store, const Config& config, const std::string& email) {
  Status st = SecondFactorService(store, std::chrono::hours(config.session_hours))
                  .ResetFromCommandLine(email);
  if (!st.ok()) return Fail(st);
  std::cout << "Two-step sign-in reset for " << email
            << ": they set it up again when they next sign in\n";
  return 0;
}

}  // namespace attune::cli
