// attune token create: a bearer token for the JSON API.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "services/auth_service.h"

namespace attune::cli {

Runner RegisterToken(CLI::App& app) {
  struct Flags {
    CommonFlags common;
    std::string email;
    std::string label;
    bool family = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* token = app.add_subcommand("token", "API tokens");
  token->require_subcommand(1);
  CLI::App* create = token->add_subcommand(
      "create",
      "Create a bearer token acting for a member of staff or a parent or carer; prints it as the "
      "last line");
  AddCommonFlags(*create, flags->common);
  create
      ->add_option("--email", flags->email,
                   "The member of staff (or parent or carer) the token acts for")
      ->required();
  create->add_option("--label", flags->label, "What the token is for (default: none)");
  create->add_flag("--family", flags->family,
                   "For the parent or carer's account with this email, when a member of staff "
                   "signs in with it too");
  return [flags] {
    auto config = ResolveConfig(flags->common);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    AuthService auth(**store, std::chrono::hours(12));
    auto token = auth.CreateApiToken(flags->email, flags->label, flags->family);
    if (!token.ok()) return Fail(token.status());
    std::cout << "Token for " << flags->email
              << " (shown once; only its hash is stored). Send it as 'Authorization: Bearer "
                 "<token>':\n"
              << *token << std::endl;
    return 0;
  };
}

}  // namespace attune::cli
