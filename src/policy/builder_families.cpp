// The policy builder: what families see in attune's parents' view
// (docs/policy.md, "[families]"). Records of each class reach families at
// once, after a named role approves them, or never; a safeguarding category
// is never shared; a recognition may be sent home by default.
#include <algorithm>

#include "model/role.h"
#include "policy/builder.h"

namespace attune::policy {
namespace {

const std::vector<std::string> kShares = {"at_once", "after_review", "never"};

FamilyShare ToShare(const std::string& s) {
  return s == "at_once"        ? FamilyShare::kAtOnce
         : s == "after_review" ? FamilyShare::kAfterReview
                               : FamilyShare::kNever;
}

}  // namespace

std::optional<FamilyShare> Builder::ReadFamilyShare(const toml::table& t, const char* key,
                                                    const std::string& where) {
  auto share = r_.Choice(t, key, kShares, false, where);
  if (!share) return std::nullopt;
  return ToShare(*share);
}

std::vector<std::string> Builder::ReadFamilyReviewers(const toml::table& t) {
  // Office staff do not judge what goes to families: the administrator,
  // and any school role held as one, is refused with that reason.
  std::vector<std::string> allowed;
  for (Role r : AllRoles()) {
    if (r != Role::kAdmin) allowed.push_back(RoleName(r));
  }
  for (const auto& role : p_.roles) {
    if (role.attune_role != "admin") allowed.push_back(role.id);
  }
  const std::string why =
      "office staff do not judge what goes to families; name roles who work "
      "with " +
      p_.Word("pupils", "pupils") + ": " + TomlReader::Listed(allowed, ", ");
  std::map<std::string, std::string> refused = {{"admin", "the administrator: " + why}};
  for (const auto& role : p_.roles) {
    if (role.attune_role == "admin") refused[role.id] = "a role held as administrator: " + why;
  }
  std::vector<std::string> out;
  for (const auto& id : ReadChoices(t, "reviewed_by", allowed, "[families]", refused)) {
    AddAttuneRole(out, id);
  }
  return out;
}

void Builder::ReadFamilies() {
  Families& f = p_.families;
  f.by_class = {{BehaviourClass::kProsocial, FamilyShare::kAtOnce},
                {BehaviourClass::kLowLevel, FamilyShare::kNever},
                {BehaviourClass::kDifficult, FamilyShare::kNever},
                {BehaviourClass::kDangerous, FamilyShare::kNever}};
  const toml::table* t = r_.Table(root_, "families", "the policy");
  if (t) {
    f.declared = true;
    r_.OnlyKeys(*t,
                {"prosocial", "low_level", "difficult", "dangerous", "notes_home", "reviewed_by"},
                "[families]");
    for (auto& [cls, share] : f.by_class) {
      if (auto s = ReadFamilyShare(*t, ClassName(cls), "[families]")) share = *s;
    }
    f.notes_home = r_.Bool(*t, "notes_home", "[families]").value_or(false);
    f.reviewed_by = ReadFamilyReviewers(*t);
  }
  CheckFamilies(t);
}

void Builder::CheckFamilies(const toml::table* t) {
  const Families& f = p_.families;
  // Safeguarding records are never shown to families.
  for (size_t i = 0; i < p_.categories.size() && i < category_tables_.size(); ++i) {
    const Category& c = p_.categories[i];
    if (!c.safeguarding || !c.families || *c.families == FamilyShare::kNever) continue;
    r_.Error(category_tables_[i]->get("families")->source(),
             "'families' in category '" + c.id + "': found \"" + FamilyShareName(*c.families) +
                 "\", but it is a safeguarding category, and safeguarding records are never "
                 "shown to families (the designated safeguarding lead decides what a family is "
                 "told): say \"never\" or leave 'families' out");
  }
  // Records waiting for review need someone who may approve them.
  std::optional<Place> waits;
  auto consider = [&](const std::string& what, const toml::node* node) {
    if (!waits || node->source().begin < waits->at.begin) waits = Place{what, node->source()};
  };
  if (t) {
    for (const auto& [cls, share] : f.by_class) {
      if (share == FamilyShare::kAfterReview) {
        consider("'" + std::string(ClassName(cls)) + "' in [families]", t->get(ClassName(cls)));
      }
    }
  }
  for (size_t i = 0; i < p_.categories.size() && i < category_tables_.size(); ++i) {
    const Category& c = p_.categories[i];
    if (!c.safeguarding && c.families == FamilyShare::kAfterReview) {
      consider("'families' in category '" + c.id + "'", category_tables_[i]->get("families"));
    }
  }
  const toml::node* reviewers = t ? t->get("reviewed_by") : nullptr;
  const toml::array* list = reviewers ? reviewers->as_array() : nullptr;
  // A list with a mistake in it has been reported already.
  bool named = reviewers && !(list && list->empty());
  if (waits && !named) {
    r_.Error(waits->at, waits->what +
                            " is \"after_review\", so records wait until someone approves them: "
                            "name who may, in [families] as reviewed_by, e.g. reviewed_by = "
                            "[\"senior\"]" +
                            (list ? " (the list is empty)" : ""));
  }
  // Notes sent home that the policy never shares.
  if (f.by_class.at(BehaviourClass::kProsocial) != FamilyShare::kNever) return;
  const std::string never =
      ", but [families] says prosocial = \"never\": the policy would send home notes it never "
      "shares. Share prosocial records (\"at_once\" or \"after_review\"), or ";
  if (f.notes_home) {
    r_.Error(t->get("notes_home")->source(),
             "'notes_home' in [families] is true" + never + "set notes_home = false");
  }
  for (size_t i = 0; i < p_.rewards.size() && i < reward_tables_.size(); ++i) {
    if (!p_.rewards[i].send_home) continue;
    r_.Error(
        reward_tables_[i]->get("send_home")->source(),
        "reward '" + p_.rewards[i].id + "' has send_home = true" + never + "leave send_home out");
  }
}

}  // namespace attune::policy
