#include "policy/loader.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "model/role.h"
#include "policy/toml_reader.h"

namespace attune::policy {
namespace {

const std::vector<std::string> kClasses = {"prosocial", "low_level", "difficult", "dangerous"};

BehaviourClass ToClass(const std::string& s) {
  return ParseClass(s).value_or(BehaviourClass::kLowLevel);
}

std::vector<std::string> RoleChoices(bool with_people) {
  std::vector<std::string> out;
  for (Role r : AllRoles()) out.push_back(RoleName(r));
  if (with_people) {
    out.push_back("recorder");
    out.push_back("key_adult");
  }
  return out;
}

// Builds a Policy from the parsed document, then checks cross-references.
class Builder {
 public:
  Builder(const toml::table& root, std::vector<Diagnostic>& out) : root_(root), r_(out) {}

  Policy Build() {
    r_.OnlyKeys(root_,
                {"format", "school", "vocabulary", "values", "categories", "ladder", "steps",
                 "escalations", "consequences", "guards", "rewards", "plans"},
                "the policy");
    ReadTop();
    ReadValues();
    ReadSteps();  // before categories: they refer to steps
    ReadCategories();
    ReadLadder();
    ReadPlans();
    ReadEscalations();
    ReadConsequences();
    ReadRewards();
    ReadGuards();
    CheckReachability();
    return std::move(p_);
  }

 private:
  template <typename T>
  void Unique(std::set<std::string>& seen, const std::optional<std::string>& id,
              const toml::table& t, const char* what) {
    if (id && !seen.insert(*id).second) {
      r_.Error(t.get("id")->source(), std::string(what) + " id '" + *id + "' is used twice");
    }
  }

  void ReadTop() {
    const toml::node* format = root_.get("format");
    if (!format) {
      r_.Error(root_.source(), "the policy needs 'format = 1' at the top");
    } else if (auto f = r_.Int(root_, "format", 1, 1000, "the policy"); f && *f != 1) {
      r_.Error(format->source(), "found format " + std::to_string(*f) +
                                     ", expected 1 (the format this attune reads)");
    }
    const toml::table* school = r_.Table(root_, "school", "the policy");
    if (!school) {
      if (!root_.get("school")) r_.Error(root_.source(), "the policy needs a [school] table");
    } else {
      r_.OnlyKeys(*school, {"name", "source", "summary"}, "[school]");
      p_.school_name = r_.Text(*school, "name", true, "[school]").value_or("");
      p_.source = r_.Text(*school, "source", false, "[school]").value_or("");
      p_.summary = r_.Text(*school, "summary", false, "[school]").value_or("");
    }
    if (const toml::table* vocab = r_.Table(root_, "vocabulary", "the policy")) {
      for (auto&& [key, node] : *vocab) {
        auto value = node.value<std::string>();
        if (!value) {
          r_.Error(node.source(), "'" + std::string(key.str()) + "' in [vocabulary]: found " +
                                      TomlReader::TypeName(node) + ", expected text");
          continue;
        }
        p_.vocabulary[std::string(key.str())] = *value;
      }
    }
  }

  void ReadValues() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "values", "the policy")) {
      r_.OnlyKeys(*t, {"id", "name", "description"}, "[[values]]");
      Value v;
      auto id = r_.Id(*t, "id", "[[values]]");
      Unique<Value>(seen, id, *t, "value");
      v.id = id.value_or("");
      v.name = r_.Text(*t, "name", true, "[[values]]").value_or("");
      v.description = r_.Text(*t, "description", false, "[[values]]").value_or("");
      p_.values.push_back(v);
    }
  }

  std::optional<Deadline> ReadDeadline(const toml::table& t, const char* key,
                                       const std::string& where) {
    auto text = r_.Text(t, key, false, where);
    if (!text) return std::nullopt;
    auto d = Deadline::Parse(*text);
    if (!d.ok()) {
      r_.Error(t.get(key)->source(),
               "'" + std::string(key) + "' in " + where + ": " + d.status().message());
      return std::nullopt;
    }
    return *d;
  }

  void ReadSteps() {
    std::set<std::string> seen;
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
                  {"id", "name", "guidance", "script", "phrases", "record", "parent_contact",
                   "reward_points_cap", "actions"},
                  "[[steps]]");
      Step s;
      s.order = ++order;
      auto id = r_.Id(*t, "id", "[[steps]]");
      Unique<Step>(seen, id, *t, "step");
      s.id = id.value_or("");
      std::string where = "step '" + s.id + "'";
      s.name = r_.Text(*t, "name", true, where).value_or("");
      s.guidance = r_.Text(*t, "guidance", false, where).value_or("");
      s.script = r_.Text(*t, "script", false, where).value_or("");
      s.phrases = r_.TextList(*t, "phrases", where);
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
      for (const toml::table* a : r_.Tables(*t, "actions", where)) {
        std::string awhere = "an action of " + where;
        r_.OnlyKeys(*a, {"kind", "assignee", "due", "description"}, awhere);
        Action action;
        action.kind = r_.Choice(*a, "kind", ActionKinds(), true, awhere).value_or("");
        action.assignee =
            r_.Choice(*a, "assignee", RoleChoices(true), false, awhere).value_or("recorder");
        action.due = ReadDeadline(*a, "due", awhere);
        if (!a->get("due")) {
          r_.Warning(a->source(), "the " + ActionLabel(action.kind) + " action of " + where +
                                      " has no deadline ('due'), so it will never show as "
                                      "overdue");
        }
        action.description = r_.Text(*a, "description", false, awhere).value_or("");
        s.actions.push_back(action);
      }
      p_.steps.push_back(s);
    }
  }

  void CheckStepRef(const toml::table& t, const char* key, const std::string& id,
                    const std::string& where) {
    if (!id.empty() && !p_.FindStep(id)) {
      r_.Error(t.get(key)->source(), "'" + std::string(key) + "' in " + where + ": found \"" + id +
                                         "\", expected one of the steps' ids" + StepIds());
    }
  }

  std::string StepIds() const {
    std::string list;
    for (const auto& s : p_.steps) list += (list.empty() ? " (" : ", ") + s.id;
    return list.empty() ? "" : list + ")";
  }

  void ReadCategories() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "categories", "the policy")) {
      r_.OnlyKeys(*t,
                  {"id", "name", "class", "band", "value", "response", "safeguarding", "visible_to",
                   "default_step", "description"},
                  "[[categories]]");
      Category c;
      auto id = r_.Id(*t, "id", "[[categories]]");
      Unique<Category>(seen, id, *t, "category");
      c.id = id.value_or("");
      std::string where = "category '" + c.id + "'";
      c.name = r_.Text(*t, "name", true, where).value_or("");
      c.behaviour_class = ToClass(r_.Choice(*t, "class", kClasses, true, where).value_or(""));
      c.band = r_.Text(*t, "band", false, where).value_or("");
      c.value = r_.Text(*t, "value", false, where).value_or("");
      if (!c.value.empty() && std::none_of(p_.values.begin(), p_.values.end(),
                                           [&](const Value& v) { return v.id == c.value; })) {
        r_.Error(t->get("value")->source(),
                 "'value' in " + where + ": found \"" + c.value + "\", expected a [[values]] id");
      }
      c.planned_ignoring = r_.Choice(*t, "response", {"respond", "planned_ignoring"}, false, where)
                               .value_or("respond") == "planned_ignoring";
      c.safeguarding = r_.Bool(*t, "safeguarding", where).value_or(false);
      c.visible_to = r_.TextList(*t, "visible_to", where);
      for (const auto& role : c.visible_to) {
        auto parsed = ParseRole(role);
        if (!parsed || !RoleHas(*parsed, Permission::kIncidentsViewRestricted)) {
          // Only the roles that may read restricted records (model/permissions.cpp).
          std::string readers;
          for (Role r : RolesWith(Permission::kIncidentsViewRestricted)) {
            readers += (readers.empty() ? "" : ", ") + std::string(RoleName(r));
          }
          r_.Error(t->get("visible_to")->source(), "'visible_to' in " + where + ": found \"" +
                                                       role + "\", expected roles that " +
                                                       "may read restricted records: " + readers);
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
      c.description = r_.Text(*t, "description", false, where).value_or("");
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
    }
    if (p_.categories.empty()) {
      r_.Error(root_.source(), "the policy needs at least one [[categories]] table");
    }
  }

  void ReadLadder() {
    const toml::table* t = r_.Table(root_, "ladder", "the policy");
    if (!t) return;
    r_.OnlyKeys(*t, {"scope", "no_jumps_for", "may_enter_at"}, "[ladder]");
    auto scope = r_.Choice(*t, "scope", {"lesson", "day"}, false, "[ladder]");
    if (scope) p_.ladder.scope = *scope == "day" ? Scope::kDay : Scope::kLesson;
    if (t->get("no_jumps_for")) {
      p_.ladder.no_jumps_for.clear();
      for (const auto& c : r_.TextList(*t, "no_jumps_for", "[ladder]")) {
        if (std::find(kClasses.begin(), kClasses.end(), c) == kClasses.end()) {
          r_.Error(t->get("no_jumps_for")->source(),
                   "'no_jumps_for' in [ladder]: found \"" + c +
                       "\", expected classes: prosocial, low_level, difficult, dangerous");
        } else {
          p_.ladder.no_jumps_for.push_back(ToClass(c));
        }
      }
    }
    if (const toml::table* enter = r_.Table(*t, "may_enter_at", "[ladder]")) {
      for (auto&& [key, node] : *enter) {
        std::string cls(key.str());
        auto step = node.value<std::string>();
        if (std::find(kClasses.begin(), kClasses.end(), cls) == kClasses.end()) {
          r_.Error(key.source(), "'" + cls +
                                     "' in [ladder.may_enter_at]: expected a class: "
                                     "prosocial, low_level, difficult, dangerous");
        } else if (!step || !p_.FindStep(*step)) {
          r_.Error(node.source(),
                   "[ladder.may_enter_at] " + cls + ": expected one of the steps' ids" + StepIds());
        } else {
          p_.ladder.may_enter_at[ToClass(cls)] = *step;
        }
      }
    }
  }

  void ReadPlans() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "plans", "the policy")) {
      r_.OnlyKeys(*t,
                  {"id", "name", "duration_school_days", "review_every_school_days", "owner",
                   "description"},
                  "[[plans]]");
      Plan plan;
      auto id = r_.Id(*t, "id", "[[plans]]");
      Unique<Plan>(seen, id, *t, "plan");
      plan.id = id.value_or("");
      std::string where = "plan '" + plan.id + "'";
      plan.name = r_.Text(*t, "name", true, where).value_or("");
      if (auto d = r_.Int(*t, "duration_school_days", 1, 400, where)) {
        plan.duration_school_days = static_cast<int>(*d);
      }
      if (auto d = r_.Int(*t, "review_every_school_days", 1, 400, where)) {
        plan.review_every_school_days = static_cast<int>(*d);
      }
      plan.owner = r_.Choice(*t, "owner", RoleChoices(false), false, where).value_or("senior");
      plan.description = r_.Text(*t, "description", false, where).value_or("");
      p_.plans.push_back(plan);
    }
  }

  void ReadEscalations() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "escalations", "the policy")) {
      r_.OnlyKeys(*t,
                  {"id", "propose_plan", "propose_step", "quote", "count", "window", "step",
                   "category", "class", "plan_outcome"},
                  "[[escalations]]");
      Escalation e;
      auto id = r_.Id(*t, "id", "[[escalations]]");
      Unique<Escalation>(seen, id, *t, "escalation");
      e.id = id.value_or("");
      std::string where = "escalation '" + e.id + "'";
      e.propose_plan = r_.Text(*t, "propose_plan", false, where).value_or("");
      e.propose_step = r_.Text(*t, "propose_step", false, where).value_or("");
      e.quote = r_.Text(*t, "quote", false, where).value_or("");
      if (e.propose_plan.empty() && e.propose_step.empty()) {
        r_.Error(t->source(), where + " proposes nothing: add propose_plan or propose_step");
      }
      if (!e.propose_plan.empty() && !p_.FindPlan(e.propose_plan)) {
        r_.Error(t->get("propose_plan")->source(), "'propose_plan' in " + where + ": found \"" +
                                                       e.propose_plan +
                                                       "\", expected a [[plans]] id");
      }
      CheckStepRef(*t, "propose_step", e.propose_step, where);
      e.count = static_cast<int>(r_.Int(*t, "count", 1, 1000, where).value_or(0));
      e.step = r_.Text(*t, "step", false, where).value_or("");
      CheckStepRef(*t, "step", e.step, where);
      e.category = r_.Text(*t, "category", false, where).value_or("");
      if (!e.category.empty() && !p_.FindCategory(e.category)) {
        r_.Error(t->get("category")->source(), "'category' in " + where + ": found \"" +
                                                   e.category + "\", expected a category id");
      }
      if (auto cls = r_.Choice(*t, "class", kClasses, false, where))
        e.behaviour_class = ToClass(*cls);
      std::string outcome = r_.Text(*t, "plan_outcome", false, where).value_or("");
      if (!outcome.empty()) {
        auto colon = outcome.find(':');
        std::string plan = outcome.substr(0, colon);
        if (colon == std::string::npos || outcome.substr(colon + 1) != "unsuccessful" ||
            !p_.FindPlan(plan)) {
          r_.Error(t->get("plan_outcome")->source(),
                   "'plan_outcome' in " + where + ": found \"" + outcome +
                       "\", expected \"<plan id>:unsuccessful\" naming a [[plans]] id");
        }
        e.outcome_plan = plan;
      }
      if (auto w = r_.Text(*t, "window", false, where)) ReadWindow(*t, *w, e, where);
      int subjects = !e.step.empty() + !e.category.empty() + e.behaviour_class.has_value();
      if (e.count > 0) {
        if (!t->get("window")) r_.Error(t->source(), where + " counts records: add a 'window'");
        if (subjects != 1) {
          r_.Error(t->source(), where +
                                    " counts records: give exactly one of step, category "
                                    "or class");
        }
        if (!outcome.empty()) {
          r_.Error(t->source(), where + ": a count and a plan_outcome cannot be combined");
        }
      } else if (!outcome.empty()) {
        if (subjects > 0) r_.Error(t->source(), where + ": plan_outcome stands alone");
      } else if (!(e.behaviour_class.has_value() && subjects == 1)) {
        r_.Error(t->source(), where +
                                  " has no trigger: give count + window + step/category/"
                                  "class, or plan_outcome, or class alone");
      }
      p_.escalations.push_back(e);
    }
  }

  void ReadWindow(const toml::table& t, const std::string& w, Escalation& e,
                  const std::string& where) {
    static const std::vector<std::pair<std::string, Window::Kind>> kinds = {
        {"lesson", Window::kLesson},
        {"day", Window::kDay},
        {"week", Window::kWeek},
        {"half_term", Window::kHalfTerm},
        {"term", Window::kTerm}};
    for (const auto& [name, kind] : kinds) {
      if (w == name) {
        e.window.kind = kind;
        return;
      }
    }
    const std::string rolling = "rolling_days:";
    if (w.rfind(rolling, 0) == 0) {
      std::string digits = w.substr(rolling.size());
      bool numeric = !digits.empty() && digits.size() <= 3 &&
                     digits.find_first_not_of("0123456789") == std::string::npos;
      int days = numeric ? std::stoi(digits) : 0;
      if (days >= 1 && days <= 400) {
        e.window = {Window::kRollingDays, days};
        return;
      }
    }
    r_.Error(t.get("window")->source(), "'window' in " + where + ": found \"" + w +
                                            "\", expected lesson, day, week, half_term, term or "
                                            "rolling_days:N");
  }

  void ReadConsequences() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "consequences", "the policy")) {
      r_.OnlyKeys(*t, {"id", "name", "kind", "off_site", "description"}, "[[consequences]]");
      Consequence c;
      auto id = r_.Id(*t, "id", "[[consequences]]");
      Unique<Consequence>(seen, id, *t, "consequence");
      c.id = id.value_or("");
      std::string where = "consequence '" + c.id + "'";
      c.name = r_.Text(*t, "name", true, where).value_or("");
      c.protective = r_.Choice(*t, "kind", {"protective", "educational"}, true, where)
                         .value_or("educational") == "protective";
      c.off_site = r_.Bool(*t, "off_site", where).value_or(false);
      c.description = r_.Text(*t, "description", false, where).value_or("");
      p_.consequences.push_back(c);
      consequence_tables_.push_back(t);
    }
  }

  void ReadRewards() {
    std::set<std::string> seen;
    for (const toml::table* t : r_.Tables(root_, "rewards", "the policy")) {
      r_.OnlyKeys(*t, {"id", "name", "kind", "value", "cap_per_day"}, "[[rewards]]");
      Reward w;
      auto id = r_.Id(*t, "id", "[[rewards]]");
      Unique<Reward>(seen, id, *t, "reward");
      w.id = id.value_or("");
      std::string where = "reward '" + w.id + "'";
      w.name = r_.Text(*t, "name", true, where).value_or("");
      w.kind = r_.Choice(*t, "kind", {"points", "gems", "postcard", "note_home", "award", "other"},
                         true, where)
                   .value_or("other");
      w.value = static_cast<int>(
          r_.Int(*t, "value", 0, 1000, where).value_or(w.kind == "points" ? 1 : 0));
      if (auto cap = r_.Int(*t, "cap_per_day", 1, 1000, where))
        w.cap_per_day = static_cast<int>(*cap);
      p_.rewards.push_back(w);
    }
  }

  void ReadGuards() {
    const toml::table* g = r_.Table(root_, "guards", "the policy");
    if (g) {
      r_.OnlyKeys(*g, {"suspension", "physical_intervention", "senco_advice"}, "[guards]");
      if (const toml::table* s = r_.Table(*g, "suspension", "[guards]")) {
        r_.OnlyKeys(*s, {"decided_by"}, "[guards.suspension]");
        p_.guards.suspension_declared = true;
        // Only a role that may make the decision in attune can be given it.
        std::vector<std::string> deciders;
        for (Role r : RolesWith(Permission::kSuspensionDecide)) deciders.push_back(RoleName(r));
        p_.guards.suspension_decided_by =
            r_.Choice(*s, "decided_by", deciders, false, "[guards.suspension]").value_or("senior");
      }
      if (const toml::table* pi = r_.Table(*g, "physical_intervention", "[guards]")) {
        r_.OnlyKeys(*pi, {"record_due", "parent_notice_due"}, "[guards.physical_intervention]");
        p_.guards.physical_intervention_declared = true;
        if (auto d = ReadDeadline(*pi, "record_due", "[guards.physical_intervention]")) {
          p_.guards.physical_record_due = *d;
        }
        if (auto d = ReadDeadline(*pi, "parent_notice_due", "[guards.physical_intervention]")) {
          p_.guards.parent_notice_due = *d;
        }
      }
      if (const toml::table* sa = r_.Table(*g, "senco_advice", "[guards]")) {
        r_.OnlyKeys(*sa, {"sen", "from_step", "due"}, "[guards.senco_advice]");
        p_.guards.senco_advice_declared = true;
        if (sa->get("sen")) p_.guards.senco_sen = r_.TextList(*sa, "sen", "[guards.senco_advice]");
        for (const auto& code : p_.guards.senco_sen) {
          if (code != "K" && code != "E") {
            r_.Error(sa->get("sen")->source(), "'sen' in [guards.senco_advice]: found \"" + code +
                                                   "\", expected K (SEN support) or E (EHC plan)");
          }
        }
        p_.guards.senco_from_step =
            r_.Text(*sa, "from_step", true, "[guards.senco_advice]").value_or("");
        CheckStepRef(*sa, "from_step", p_.guards.senco_from_step, "[guards.senco_advice]");
        if (auto d = ReadDeadline(*sa, "due", "[guards.senco_advice]")) p_.guards.senco_due = *d;
      }
    }
    toml::source_region where = g ? g->source() : root_.source();
    for (size_t i = 0; i < p_.consequences.size(); ++i) {
      if (p_.consequences[i].off_site && !p_.guards.suspension_declared) {
        r_.Warning(consequence_tables_[i]->source(),
                   "consequence '" + p_.consequences[i].id +
                       "' sends the pupil off site: in law that is a formal suspension "
                       "whatever it is called; attune will record it as one. Add "
                       "[guards.suspension] to say who decides");
      }
    }
    if (!p_.guards.physical_intervention_declared) {
      r_.Warning(where,
                 "no [guards.physical_intervention]: attune still requires the statutory "
                 "record and parent notice, by 17:00 the same day");
    }
    if (!p_.guards.senco_advice_declared) {
      r_.Warning(where,
                 "no [guards.senco_advice]: pupils with an EHC plan will not be flagged "
                 "for SENCO advice at any step");
    }
  }

  // A step no record can reach: below every category's starting step, with
  // nothing to enter it directly.
  void CheckReachability() {
    if (p_.steps.empty()) return;
    int lowest_entry = static_cast<int>(p_.steps.size()) + 1;
    bool any_stepped = false;
    for (const auto& c : p_.categories) {
      if (c.behaviour_class == BehaviourClass::kProsocial || c.planned_ignoring) continue;
      any_stepped = true;
      const Step* s = c.default_step.empty() ? &p_.steps.front() : p_.FindStep(c.default_step);
      if (s) lowest_entry = std::min(lowest_entry, s->order);
    }
    const auto& steps = step_tables_;
    for (size_t i = 0; i < p_.steps.size() && i < steps.size(); ++i) {
      if (!any_stepped || p_.steps[i].order < lowest_entry) {
        r_.Warning(steps[i]->source(), "step '" + p_.steps[i].id +
                                           "' cannot be reached: every category starts above "
                                           "it");
      }
    }
  }

  const toml::table& root_;
  TomlReader r_;
  Policy p_;
  std::vector<const toml::table*> consequence_tables_;
  std::vector<const toml::table*> step_tables_;
};

// toml++ recurses once per level of nesting (dotted keys, table headers,
// arrays, inline tables) and overflows the stack after a few thousand levels
// (found by fuzzing: tests/fuzz/crashes/stack-overflow-*). A policy needs a
// handful, so deeper nesting is refused before parsing. Strings and comments
// are skipped so prose cannot trip it.
std::optional<Diagnostic> TooDeep(std::string_view t) {
  constexpr int kMaxDepth = 64;
  int line = 1, column = 0, depth = 0, dots = 0;
  enum { kCode, kBasic, kLiteral, kMultiBasic, kMultiLiteral, kComment } mode = kCode;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      dots = 0;
      if (mode == kComment || mode == kBasic || mode == kLiteral) mode = kCode;
      continue;
    }
    switch (mode) {
      case kComment:
        continue;
      case kBasic:
        if (c == '\\')
          ++i;
        else if (c == '"')
          mode = kCode;
        continue;
      case kLiteral:
        if (c == '\'') mode = kCode;
        continue;
      case kMultiBasic:
      case kMultiLiteral: {
        char quote = mode == kMultiBasic ? '"' : '\'';
        if (mode == kMultiBasic && c == '\\') {
          ++i;
          continue;
        }
        if (c != quote) continue;
        // A run of three to five quotes closes the string: up to two quotes
        // may end its text ("""a"""" is the text a").
        size_t run = 0;
        while (i + run < t.size() && t[i + run] == quote) ++run;
        if (run >= 3) mode = kCode;
        i += run - 1;
        column += static_cast<int>(run - 1);
        continue;
      }
      case kCode:
        break;
    }
    if (c == '#') {
      mode = kComment;
    } else if (c == '"') {
      if (t.substr(i, 3) == "\"\"\"")
        mode = kMultiBasic, i += 2;
      else
        mode = kBasic;
    } else if (c == '\'') {
      if (t.substr(i, 3) == "'''")
        mode = kMultiLiteral, i += 2;
      else
        mode = kLiteral;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    } else if (c == '.') {
      ++dots;
    }
    if (depth > kMaxDepth || dots > kMaxDepth) {
      return Diagnostic{true, line, column,
                        "nested more than " + std::to_string(kMaxDepth) +
                            " levels deep; a policy file never needs this"};
    }
  }
  return std::nullopt;
}

}  // namespace

int LoadResult::errors() const {
  return static_cast<int>(
      std::count_if(diagnostics.begin(), diagnostics.end(), [](auto& d) { return d.error; }));
}

int LoadResult::warnings() const { return static_cast<int>(diagnostics.size()) - errors(); }

LoadResult LoadPolicy(std::string_view text) {
  LoadResult result;
  if (text.size() > kMaxPolicyBytes) {
    result.diagnostics.push_back(
        {true, 0, 0, "the policy file is larger than 256 KB; a policy needs far less"});
    return result;
  }
  if (auto deep = TooDeep(text)) {
    result.diagnostics.push_back(*deep);
    return result;
  }
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    result.diagnostics.push_back({true, static_cast<int>(at.line), static_cast<int>(at.column),
                                  "not valid TOML: " + std::string(e.description())});
    return result;
  }
  Policy policy = Builder(root, result.diagnostics).Build();
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  if (result.errors() == 0) {
    policy.BuildIndex();
    result.policy = std::move(policy);
  }
  return result;
}

std::string FormatDiagnostic(const std::string& file, const Diagnostic& d) {
  std::ostringstream out;
  out << file << ":" << d.line << ":" << d.column << ": " << (d.error ? "error" : "warning") << ": "
      << d.message;
  return out.str();
}

}  // namespace attune::policy
