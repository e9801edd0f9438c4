// attune parent add: a parent or carer's account (decision 0026), for
// scripts and tests; schools invite families from the pupil's page.
#include <iostream>

#include "cli/commands.h"
#include "cli/common.h"
#include "services/family_service.h"
#include "services/mail.h"
#include "services/outbox_service.h"
#include "services/policy_service.h"
#include "services/text.h"

namespace attune::cli {
namespace {

int Digest(const CommonFlags& common) {
  auto config = ResolveConfig(common);
  if (!config.ok()) return Fail(config.status());
  auto store = OpenMigratedStore(*config);
  if (!store.ok()) return Fail(store.status());
  PolicyService policies(**store);
  OutboxService outbox(**store, MailSettingsFrom(*config));
  FamilyService families(**store, policies, &outbox);
  auto written = families.SendDigests(Now());
  if (!written.ok()) return Fail(written.status());
  std::cout << *written << (*written == 1 ? " digest" : " digests") << " written to the outbox\n";
  return 0;
}

}  // namespace

Runner RegisterParent(CLI::App& app) {
  struct Flags {
    CommonFlags common;
    std::string email, name, password, pupils;
    long long school_id = 0;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* parent = app.add_subcommand("parent", "Parents' and carers' accounts");
  parent->require_subcommand(1);
  CLI::App* add = parent->add_subcommand(
      "add", "Add a parent or carer who can sign in, linked to their children");
  AddCommonFlags(*add, flags->common);
  add->add_option("--email", flags->email, "Email address they sign in with")->required();
  add->add_option("--name", flags->name, "Full name")->required();
  add->add_option("--password", flags->password,
                  "Password (10+ characters); without it they need an invitation");
  add->add_option("--pupils", flags->pupils, "Their children's pupil ids, comma-separated")
      ->required();
  add->add_option("--school", flags->school_id, "School id (default: the first school)");
  auto digest_flags = std::make_shared<CommonFlags>();
  CLI::App* digest = parent->add_subcommand(
      "digest", "Write the weekly digest emails now (attune serve sends them on Friday at 15:30)");
  AddCommonFlags(*digest, *digest_flags);
  return [flags, add, digest, digest_flags] {
    if (digest->parsed()) return Digest(*digest_flags);
    std::vector<long long> pupils;
    std::string item;
    for (size_t at = 0; at <= flags->pupils.size(); ++at) {
      char c = at < flags->pupils.size() ? flags->pupils[at] : ',';
      if (c != ',') {
        item += c;
        continue;
      }
      if (item.empty()) continue;
      if (item.size() > 18 || item.find_first_not_of("0123456789") != std::string::npos) {
        return Fail(Status::Invalid("'" + item + "' is not a pupil id", "pupils"));
      }
      pupils.push_back(std::stoll(item));
      item.clear();
    }
    auto config = ResolveConfig(flags->common);
    if (!config.ok()) return Fail(config.status());
    auto store = OpenMigratedStore(*config);
    if (!store.ok()) return Fail(store.status());
    auto school_id = ChooseSchool(**store, flags->school_id);
    if (!school_id.ok()) return Fail(school_id.status());
    PolicyService policies(**store);
    FamilyService families(**store, policies, nullptr);
    // An existing account keeps its name and password; only the children are added.
    bool existed = (*store)->FindFamilyByEmail(ToLower(Trim(flags->email))).ok();
    auto id = families.AddParent(*school_id, flags->email, flags->name, flags->password, pupils);
    if (!id.ok()) return Fail(id.status());
    if (existed) {
      std::cout << "Linked " << pupils.size() << (pupils.size() == 1 ? " pupil" : " pupils")
                << " to the existing account " << *id << " (its name and password are unchanged)\n";
      return 0;
    }
    std::cout << "Added " << flags->name << " (parent or carer of " << pupils.size()
              << (pupils.size() == 1 ? " pupil" : " pupils") << ") with id " << *id << "\n";
    return 0;
  };
}

}  // namespace attune::cli
