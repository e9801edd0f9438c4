// attune organisation: trusts and local authorities above schools
// (decision 0034), for the service's administrator: make one, attach its
// schools (and detach one that leaves), add the people who sign in for it
// (and remove one who leaves), and list them.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "services/group_service.h"
#include "services/insight_service.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "services/text.h"

namespace attune::cli {
namespace {

struct Flags {
  // One per sub-command: each keeps which of its flags were given.
  CommonFlags create, attach, detach, person, remove, reset, list;
  std::string kind, name, code, email, password;
  long long organisation_id = 0;
  std::vector<long long> schools;
};

int List(Store& store) {
  auto orgs = store.ListOrganisations();
  if (!orgs.ok()) return Fail(orgs.status());
  if (orgs->empty()) std::cout << "No trusts or local authorities yet.\n";
  for (const auto& o : *orgs) {
    std::cout << o.id << "  " << OrganisationKindLabel(o.kind) << ": " << o.name
              << (o.code.empty() ? "" : " (" + o.code + ")") << "\n";
    auto schools = store.ListOrganisationSchools(o.id);
    if (!schools.ok()) return Fail(schools.status());
    for (const auto& s : *schools) std::cout << "    school " << s.id << "  " << s.name << "\n";
    auto people = store.ListOrganisationMembers(o.id);
    if (!people.ok()) return Fail(people.status());
    for (const auto& m : *people) {
      std::cout << "    " << RoleLabel(m.role) << "  " << m.name << " <" << m.email << ">"
                << (m.active ? "" : " (inactive)") << "\n";
    }
  }
  return 0;
}

}  // namespace

Runner RegisterOrganisation(CLI::App& app) {
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("organisation", "Trusts and local authorities above schools");
  cmd->require_subcommand(1);
  CLI::App* create = cmd->add_subcommand("create", "Make a trust or a local authority");
  create->add_option("--kind", flags->kind, "trust or local_authority")->required();
  create->add_option("--name", flags->name, "Its name")->required();
  create->add_option("--code", flags->code, "The DfE LA code or the trust's reference");
  CLI::App* attach = cmd->add_subcommand(
      "attach", "Put schools in it (a school is in at most one trust and one local authority)");
  attach->add_option("--organisation", flags->organisation_id, "Its id")->required();
  attach->add_option("--school", flags->schools, "A school's id (repeat for several)")->required();
  CLI::App* detach = cmd->add_subcommand(
      "detach", "Take a school out of it (a school leaving for another trust); its records stay");
  detach->add_option("--organisation", flags->organisation_id, "Its id")->required();
  detach->add_option("--school", flags->schools, "A school's id (repeat for several)")->required();
  CLI::App* remove = cmd->add_subcommand(
      "remove-person",
      "Stop someone signing in for it (they left the trust or authority); their sessions end");
  remove->add_option("--email", flags->email, "Email address they sign in with")->required();
  CLI::App* person = cmd->add_subcommand(
      "add-person", "Add someone who signs in for it: a trust leader or a local authority officer");
  person->add_option("--organisation", flags->organisation_id, "Its id")->required();
  person->add_option("--email", flags->email, "Email address they sign in with")->required();
  person->add_option("--name", flags->name, "Full name")->required();
  person->add_option("--password", flags->password, "First password (10+ characters)")->required();
  CLI::App* reset = cmd->add_subcommand(
      "reset-two-step",
      "Reset a trust's or local authority's person's two-step sign-in (they set it up again at "
      "their next sign-in; their sessions end)");
  reset->add_option("--email", flags->email, "Email address they sign in with")->required();
  CLI::App* list = cmd->add_subcommand("list", "List them, their schools and people");
  AddCommonFlags(*create, flags->create);
  AddCommonFlags(*attach, flags->attach);
  AddCommonFlags(*detach, flags->detach);
  AddCommonFlags(*person, flags->person);
  AddCommonFlags(*remove, flags->remove);
  AddCommonFlags(*reset, flags->reset);
  AddCommonFlags(*list, flags->list);
  return [flags, create, attach, detach, person, remove, reset, list] {
    const CommonFlags& common = create->parsed()   ? flags->create
                                : attach->parsed() ? flags->attach
                                : detach->parsed() ? flags->detach
                                : person->parsed() ? flags->person
                                : remove->parsed() ? flags->remove
                                : reset->parsed()  ? flags->reset
                                                   : flags->list;
    auto config = ResolveConfig(common);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    if (list->parsed()) return List(**store);
    if (attach->parsed() || detach->parsed()) {
      // One school at a time, stopping at the first the store refuses.
      for (long long school : flags->schools) {
        Status st = attach->parsed() ? (*store)->AttachSchool(flags->organisation_id, school)
                                     : (*store)->DetachSchool(flags->organisation_id, school);
        if (!st.ok()) return Fail(st);
        std::cout << (attach->parsed() ? "Attached school " : "Detached school ") << school << "\n";
      }
      return 0;
    }
    if (remove->parsed()) {
      auto member = (*store)->FindOrganisationMemberByEmail(ToLower(Trim(flags->email)));
      if (!member.ok()) return Fail(member.status());
      Status st = (*store)->SetOrganisationMemberActive(member->id, false);
      if (!st.ok()) return Fail(st);
      std::cout << member->name << " can no longer sign in; their sessions have ended\n";
      return 0;
    }
    if (reset->parsed()) {
      // The one reset of staff's (`attune user reset-two-step`), audited.
      return ResetTwoStep(**store, *config, flags->email);
    }
    // Only setting up is asked of the service here, never its figures.
    PolicyService policies(**store);
    SchoolClock clock(**store);
    InsightService insight(**store, policies, clock);
    GroupService groups(**store, insight);
    if (create->parsed()) {
      auto id = groups.CreateOrganisation(flags->kind, flags->name, flags->code);
      if (!id.ok()) return Fail(id.status());
      std::cout << "Made " << OrganisationKindLabel(flags->kind) << " '" << flags->name
                << "' with id " << *id << "\n";
      return 0;
    }
    if (person->parsed()) {
      auto id =
          groups.AddMember(flags->organisation_id, flags->email, flags->name, flags->password);
      if (!id.ok()) return Fail(id.status());
      std::cout << "Added " << flags->name << " with id " << *id << "\n";
      return 0;
    }
    return 1;
  };
}

}  // namespace attune::cli
