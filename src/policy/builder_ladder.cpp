// The policy builder: the steps and their actions, the bands, the
// categories staff record with, and how the ladder is climbed.
#include <algorithm>

#include "model/role.h"
#include "policy/builder.h"

namespace attune::policy {
namespace {

const std::vector<std::string> kClasses = {"prosocial", "low_level", "difficult", "dangerous"};

BehaviourClass ToClass(const std::string& s) {
  return ParseClass(s).value_or(BehaviourClass::kLowLevel);
}

}  // namespace

std::vector<Action> Builder::ReadActions(const toml::table& t, const std::string& where) {
  std::vector<Action> out;
  for (const toml::table* a : r_.Tables(t, "actions", where)) {
    std::string awhere = "an action of " + where;
    r_.OnlyKeys(*a, {"kind", "assignee", "due", "description"}, awhere);
    Action action;
    action.kind = r_.Choice(*a, "kind", ActionKinds(), true, awhere).value_or("");
    action.assignee = r_.Choice(*a, "assignee", Assignees(), false, awhere).value_or("recorder");
    action.due = ReadDeadline(*a, "due", awhere);
    if (!a->get("due")) {
      r_.Error(a->source(), "the " + ActionLabel(action.kind) + " action of " + where +
                                " needs 'due': when it must be done, in school time, e.g. "
                                "due = \"same_day 17:00\" or due = \"within 2 school_days\"");
    }
    action.description = r_.Text(*a, "description", false, awhere).value_or("");
    out.push_back(action);
  }
  return out;
}

void Builder::ReadSteps() {
  auto tables = r_.Tables(root_, "steps", "the policy");
  step_tables_ = tables;
  if (tables.empty() && !root_.get("steps")) {
    r_.Error(root_.source(),
             "the policy needs at least one [[steps]] table: the graduated "
             "response");
  }
  int order = 0;
  for (const toml::table* t : tables) {
    r_.OnlyKeys(*t,
                {"id", "name", "guidance", "family", "script", "phrases", "record",
                 "parent_contact", "reward_points_cap", "actions"},
                "[[steps]]");
    Step s;
    s.order = ++order;
    s.id = r_.Id(*t, "id", "[[steps]]").value_or("");
    std::string where = "step '" + s.id + "'";
    s.name = Said(*t, "name", true, where).value_or("");
    s.guidance = r_.Text(*t, "guidance", false, where).value_or("");
    s.family = Said(*t, "family", false, where).value_or("");
    s.script = Said(*t, "script", false, where).value_or("");  // said to the pupil
    s.phrases = SaidList(*t, "phrases", where);
    auto record = r_.Choice(*t, "record", {"none", "tally", "required"}, false, where);
    if (record) {
      s.record = *record == "none"    ? Recording::kNone
                 : *record == "tally" ? Recording::kTally
                                      : Recording::kRequired;
    }
    auto contact = r_.Choice(*t, "parent_contact", {"none", "inform", "required"}, false, where);
    if (contact) {
      s.parent_contact = *contact == "none"     ? ParentContact::kNone
                         : *contact == "inform" ? ParentContact::kInform
                                                : ParentContact::kRequired;
    }
    if (auto cap = r_.Int(*t, "reward_points_cap", 0, 1000, where)) {
      s.reward_points_cap = static_cast<int>(*cap);
    }
    s.actions = ReadActions(*t, where);
    p_.steps.push_back(s);
  }
}

void Builder::ReadBands() {
  int order = 0;
  for (const toml::table* t : r_.Tables(root_, "bands", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "family", "highest_step"}, "[[bands]]");
    Band b;
    b.order = ++order;
    b.id = r_.Id(*t, "id", "[[bands]]").value_or("");
    std::string where = "band '" + b.id + "'";
    b.name = Said(*t, "name", true, where).value_or("");
    b.family = Said(*t, "family", false, where).value_or("");
    b.highest_step = r_.Text(*t, "highest_step", false, where).value_or("");
    CheckStepRef(*t, "highest_step", b.highest_step, where);
    p_.bands.push_back(b);
  }
}

void Builder::ReadCategories() {
  // Only the roles that may read restricted records can be named in
  // visible_to (model/permissions.cpp: incidents.view_restricted).
  std::vector<std::string> readers;
  for (Role r : RolesWith(Permission::kIncidentsViewRestricted)) readers.push_back(RoleName(r));
  for (const toml::table* t : r_.Tables(root_, "categories", "the policy")) {
    r_.OnlyKeys(*t,
                {"id", "name", "class", "band", "value", "response", "safeguarding", "visible_to",
                 "default_step", "highest_step", "description", "family", "families"},
                "[[categories]]");
    Category c;
    c.id = r_.Id(*t, "id", "[[categories]]").value_or("");
    std::string where = "category '" + c.id + "'";
    c.name = Said(*t, "name", true, where).value_or("");
    c.behaviour_class = ToClass(r_.Choice(*t, "class", kClasses, true, where).value_or(""));
    c.band = r_.Text(*t, "band", false, where).value_or("");
    std::vector<std::string> bands = Ids(p_.bands);
    CheckBandRef(*t, c.band, where);
    if (c.band.empty() && !bands.empty()) {
      r_.Error(t->source(), where + " needs a 'band': the policy classifies every category (" +
                                TomlReader::Listed(bands, ", ") + ")");
    }
    c.value = r_.Text(*t, "value", false, where).value_or("");
    std::vector<std::string> values = Ids(p_.values);
    if (!c.value.empty() && std::find(values.begin(), values.end(), c.value) == values.end()) {
      r_.Error(t->get("value")->source(),
               "'value' in " + where + ": found \"" + c.value + "\", expected a [[values]] id" +
                   (values.empty() ? "" : " (" + TomlReader::Listed(values, ", ") + ")") +
                   TomlReader::DidYouMean(c.value, values));
    }
    c.planned_ignoring = r_.Choice(*t, "response", {"respond", "planned_ignoring"}, false, where)
                             .value_or("respond") == "planned_ignoring";
    c.safeguarding = r_.Bool(*t, "safeguarding", where).value_or(false);
    c.visible_to = r_.TextList(*t, "visible_to", where);
    for (const auto& role : c.visible_to) {
      if (std::find(readers.begin(), readers.end(), role) == readers.end()) {
        r_.Error(t->get("visible_to")->source(),
                 "'visible_to' in " + where + ": found \"" + role +
                     "\", expected roles that may read restricted records: " +
                     TomlReader::Listed(readers, ", ") + TomlReader::DidYouMean(role, readers));
      }
    }
    if (c.safeguarding && c.visible_to.empty()) c.visible_to = {"dsl"};
    if (c.safeguarding &&
        std::find(c.visible_to.begin(), c.visible_to.end(), "dsl") == c.visible_to.end()) {
      r_.Error(t->get("visible_to")->source(),
               where + " is a safeguarding category, so 'visible_to' must include dsl");
    }
    c.default_step = r_.Text(*t, "default_step", false, where).value_or("");
    CheckStepRef(*t, "default_step", c.default_step, where);
    c.highest_step = r_.Text(*t, "highest_step", false, where).value_or("");
    CheckStepRef(*t, "highest_step", c.highest_step, where);
    c.description = r_.Text(*t, "description", false, where).value_or("");
    c.family = Said(*t, "family", false, where).value_or("");
    c.families = ReadFamilyShare(*t, "families", where);
    if (c.behaviour_class != BehaviourClass::kProsocial && !c.planned_ignoring &&
        c.default_step.empty()) {
      r_.Warning(t->source(), where +
                                  " has no default_step, so staff must choose the step "
                                  "every time");
    }
    if (c.behaviour_class == BehaviourClass::kProsocial && !c.default_step.empty()) {
      r_.Warning(t->get("default_step")->source(),
                 where + " is prosocial but has a default_step: steps are for distress");
    }
    p_.categories.push_back(c);
    category_tables_.push_back(t);
  }
  if (p_.categories.empty()) {
    r_.Error(root_.source(), "the policy needs at least one [[categories]] table");
  }
}

void Builder::ReadLadder() {
  const toml::table* t = r_.Table(root_, "ladder", "the policy");
  if (!t) return;
  r_.OnlyKeys(*t, {"scope", "no_jumps_for", "may_enter_at", "highest_step", "family"}, "[ladder]");
  auto scope = r_.Choice(*t, "scope", {"lesson", "day"}, false, "[ladder]");
  if (scope) p_.ladder.scope = *scope == "day" ? Scope::kDay : Scope::kLesson;
  p_.ladder.family = Said(*t, "family", false, "[ladder]").value_or("");
  if (t->get("no_jumps_for")) {
    p_.ladder.no_jumps_for.clear();
    for (const auto& c : r_.TextList(*t, "no_jumps_for", "[ladder]")) {
      if (std::find(kClasses.begin(), kClasses.end(), c) == kClasses.end()) {
        r_.Error(t->get("no_jumps_for")->source(),
                 "'no_jumps_for' in [ladder]: found \"" + c + "\", expected classes: " +
                     TomlReader::Listed(kClasses, ", ") + TomlReader::DidYouMean(c, kClasses));
      } else {
        p_.ladder.no_jumps_for.push_back(ToClass(c));
      }
    }
  }
  for (auto [key, out] : {std::pair{"may_enter_at", &p_.ladder.may_enter_at},
                          std::pair{"highest_step", &p_.ladder.highest_step}}) {
    const toml::table* by_class = r_.Table(*t, key, "[ladder]");
    if (!by_class) continue;
    std::string where = "[ladder] " + std::string(key);
    for (auto&& [cls, node] : *by_class) {
      std::string name(cls.str());
      if (std::find(kClasses.begin(), kClasses.end(), name) == kClasses.end()) {
        r_.Error(cls.source(), "'" + name + "' in " + where +
                                   ": expected classes: " + TomlReader::Listed(kClasses, ", ") +
                                   TomlReader::DidYouMean(name, kClasses));
        continue;
      }
      auto step = node.value<std::string>();
      if (!step) {
        r_.Error(node.source(), "'" + name + "' in " + where + ": found " +
                                    TomlReader::TypeName(node) + ", expected a step id");
        continue;
      }
      CheckStepRef(*by_class, name.c_str(), *step, where);
      (*out)[ToClass(name)] = *step;
    }
  }
}

}  // namespace attune::policy
