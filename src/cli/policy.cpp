// attune policy check|explain FILE: validate a policy, or say it in plain words.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "cli/common.h"
#include "policy/explain.h"
#include "policy/loader.h"

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

}  // namespace

Runner RegisterPolicy(CLI::App& app) {
  struct Flags {
    std::string file;
    bool quiet = false;
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
  return [flags, check, explain] {
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
