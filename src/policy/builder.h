// Builds a Policy from a parsed policy file, reporting every problem at its
// line and column with what was found and what is allowed. Internal to the
// loader (loader.h); split over builder*.cpp and checks.cpp by section.
#pragma once

#include <toml++/toml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "policy/loader.h"
#include "policy/toml_reader.h"

namespace attune::policy {

class Builder {
 public:
  // REQUIRES: `root` has no duplicate ids (DuplicateIds() found none).
  Builder(const toml::table& root, std::vector<Diagnostic>& out) : root_(root), r_(out) {}

  Policy Build();

 private:
  // builder.cpp: the school, its words, its roles and the personal profile.
  void ReadTop();
  void ReadVocabulary();
  void ReadRemovedWords();
  void ReadRoles();
  void ReadValues();
  void ReadFunctions();
  void ReadProfile();
  void ReadTraining();

  // builder_ladder.cpp: steps and their actions, bands, categories, ladder.
  void ReadSteps();
  std::vector<Action> ReadActions(const toml::table& t, const std::string& where);
  void ReadBands();
  void ReadCategories();
  void ReadLadder();

  // builder_plans.cpp: plan types and their forms.
  void ReadPlans();
  void ReadPlanForm(const toml::table& t, Plan& plan, const std::string& where);
  PlanField ReadPlanField(const toml::table& t, const Plan& plan, PlanStage stage,
                          const std::string& where);
  // pupil_answers and pupil_asks of a field already read as far as view_of.
  void ReadPupilAnswers(const toml::table& f, const Plan& plan, PlanField& field,
                        const std::string& where);
  // A list of who may act, as attune role names (school roles resolved).
  std::vector<std::string> ReadPlanRoles(const toml::table& t, const char* key,
                                         const std::string& owner, const std::string& where);
  // A list whose items must each be one of `allowed`. An item in `refused`
  // is reported with its reason rather than the allowed list.
  std::vector<std::string> ReadChoices(const toml::table& t, const char* key,
                                       const std::vector<std::string>& allowed,
                                       const std::string& where,
                                       const std::map<std::string, std::string>& refused = {});
  // Adds the attune role of `id` (an attune role or a school role id) to
  // `out`, once.
  void AddAttuneRole(std::vector<std::string>& out, const std::string& id) const;

  // builder_rules.cpp: escalations, consequences, rewards, guards.
  void ReadEscalations();
  void ReadWindow(const toml::table& t, const std::string& w, Escalation& e,
                  const std::string& where);
  void ReadConsequences();
  void ReadRewards();
  void ReadGuards();

  // builder_families.cpp: what families see ([families], a category's
  // `families`, a reward's `send_home`).
  void ReadFamilies();
  std::optional<FamilyShare> ReadFamilyShare(const toml::table& t, const char* key,
                                             const std::string& where);
  std::vector<std::string> ReadFamilyReviewers(const toml::table& t);
  void CheckFamilies(const toml::table* families);

  // checks.cpp: what only the whole policy shows.
  void CheckReachability();
  void CheckContradictions();
  void CheckRemovedWords();

  // Text families or pupils see: read as Text(), and kept with its place so
  // CheckRemovedWords can find the school's removed words in it.
  std::optional<std::string> Said(const toml::table& t, const char* key, bool required,
                                  const std::string& where);
  std::vector<std::string> SaidList(const toml::table& t, const char* key,
                                    const std::string& where);
  std::optional<Deadline> ReadDeadline(const toml::table& t, const char* key,
                                       const std::string& where);
  // Reports `id` (under `key`) when it is not one of the steps.
  void CheckStepRef(const toml::table& t, const char* key, const std::string& id,
                    const std::string& where);
  std::vector<std::string> StepIds() const;
  // Reports `id` (under "band") when it is not one of the bands.
  void CheckBandRef(const toml::table& t, const std::string& id, const std::string& where);
  std::vector<std::string> Ids(const auto& items) const {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
  }
  // Who may be given an action: attune roles, the adult recording, the
  // pupil's key adult, and the school's own roles.
  std::vector<std::string> Assignees() const;

  const toml::table& root_;
  TomlReader r_;
  Policy p_;

  struct Place {
    std::string what;  // "the name of step 'x'"
    toml::source_region at;
  };
  std::vector<std::pair<std::string, Place>> said_;  // text, where it is
  toml::source_region removed_at_;                   // [removed_words]
  std::vector<const toml::table*> step_tables_;
  std::vector<const toml::table*> category_tables_;
  std::vector<const toml::table*> escalation_tables_;
  std::vector<const toml::table*> consequence_tables_;
  std::vector<const toml::table*> reward_tables_;
};

// Reports every id used twice in one list (steps, categories...), naming
// both places. Returns whether there were any: the builder is not run then,
// so one slip gives one error, not a cascade.
bool DuplicateIds(const toml::table& root, std::vector<Diagnostic>& out);

}  // namespace attune::policy
