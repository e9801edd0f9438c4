// attune user add: a member of staff, from the command line; attune user
// reset-two-step: their two-step sign-in reset by the server's operator.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "services/staff_service.h"

namespace attune::cli {

Runner RegisterUser(CLI::App& app) {
  struct Flags {
    CommonFlags common;
    CommonFlags reset_common;  // reset-two-step's own --db and --config
    NewStaff input;
    long long school_id = 0;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* user = app.add_subcommand("user", "Staff accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand("add", "Add a member of staff who can sign in");
  AddCommonFlags(*add, flags->common);
  add->add_option("--email", flags->input.email, "Email address they sign in with")->required();
  add->add_option("--name", flags->input.name, "Full name")->required();
  add->add_option("--role", flags->input.role,
                  "teacher, support, pastoral, senco, dsl, senior or admin")
      ->required();
  add->add_option("--password", flags->input.password, "First password (10+ characters)")
      ->required();
  add->add_option("--job-title", flags->input.job_title, "Job title (default: none)");
  add->add_option("--school", flags->school_id,
                  "School id (default: the only school; required when there are several)");
  CLI::App* reset = user->add_subcommand(
      "reset-two-step",
      "Reset a member of staff's two-step sign-in (they set it up again at their next sign-in; "
      "their sessions end)");
  AddCommonFlags(*reset, flags->reset_common);
  reset->add_option("--email", flags->input.email, "Email address they sign in with")->required();
  return [flags, reset] {
    auto config = ResolveConfig(reset->parsed() ? flags->reset_common : flags->common);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    if (reset->parsed()) {
      return ResetTwoStep(**store, *config, flags->input.email);
    }
    long long school_id = flags->school_id;
    if (school_id == 0) {
      auto schools = (*store)->ListSchools();
      if (!schools.ok()) return Fail(schools.status());
      if (schools->empty()) {
        School school;
        school.name = "Our school";
        auto id = (*store)->CreateSchool(school);
        if (!id.ok()) return Fail(id.status());
        school_id = *id;
      } else if (schools->size() == 1) {
        school_id = schools->front().id;
      } else {
        return Fail(Status::Invalid("This database holds several schools; choose one with --school",
                                    "school"));
      }
    }
    auto id = StaffService(**store).AddToSchool(school_id, flags->input);
    if (!id.ok()) return Fail(id.status());
    std::cout << "Added " << flags->input.name << " (" << flags->input.role << ") with id " << *id
              << "\n";
    return 0;
  };
}

}  // namespace attune::cli
