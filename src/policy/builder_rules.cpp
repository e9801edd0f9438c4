// The policy builder: plans, the escalations that propose them, the
// consequences, recognition and the guards the law requires.
#include <algorithm>

#include "model/role.h"
#include "policy/builder.h"

namespace attune::policy {
namespace {

const std::vector<std::string> kClasses = {"prosocial", "low_level", "difficult", "dangerous"};

}  // namespace

void Builder::ReadEscalations() {
  for (const toml::table* t : r_.Tables(root_, "escalations", "the policy")) {
    r_.OnlyKeys(*t,
                {"id", "propose_plan", "propose_step", "quote", "count", "up_to", "window", "step",
                 "category", "band", "same_category", "class", "plan_outcome"},
                "[[escalations]]");
    Escalation e;
    e.id = r_.Id(*t, "id", "[[escalations]]").value_or("");
    std::string where = "escalation '" + e.id + "'";
    e.propose_plan = r_.Text(*t, "propose_plan", false, where).value_or("");
    e.propose_step = r_.Text(*t, "propose_step", false, where).value_or("");
    e.quote = Said(*t, "quote", false, where).value_or("");
    if (e.propose_plan.empty() && e.propose_step.empty()) {
      r_.Error(t->source(), where + " proposes nothing: add propose_plan or propose_step");
    }
    std::vector<std::string> plans = Ids(p_.plans);
    if (!e.propose_plan.empty() && !p_.FindPlan(e.propose_plan)) {
      r_.Error(
          t->get("propose_plan")->source(),
          "'propose_plan' in " + where + ": found \"" + e.propose_plan +
              "\", expected a [[plans]] id" +
              (plans.empty() ? " (there are none)" : " (" + TomlReader::Listed(plans, ", ") + ")") +
              TomlReader::DidYouMean(e.propose_plan, plans));
    }
    CheckStepRef(*t, "propose_step", e.propose_step, where);
    e.count = static_cast<int>(r_.Int(*t, "count", 1, 1000, where).value_or(0));
    if (auto up_to = r_.Int(*t, "up_to", 1, 1000, where)) {
      e.up_to = static_cast<int>(*up_to);
      if (e.count > 0 && *e.up_to < e.count) {
        r_.Error(t->get("up_to")->source(),
                 "'up_to' in " + where + ": found " + std::to_string(*e.up_to) +
                     ", expected at least the count (" + std::to_string(e.count) +
                     "): the range is count to up_to, both included");
      }
    }
    e.step = r_.Text(*t, "step", false, where).value_or("");
    CheckStepRef(*t, "step", e.step, where);
    e.category = r_.Text(*t, "category", false, where).value_or("");
    std::vector<std::string> categories = Ids(p_.categories);
    if (!e.category.empty() && !p_.FindCategory(e.category)) {
      r_.Error(t->get("category")->source(), "'category' in " + where + ": found \"" + e.category +
                                                 "\", expected a category id" +
                                                 TomlReader::DidYouMean(e.category, categories));
    }
    e.band = r_.Text(*t, "band", false, where).value_or("");
    CheckBandRef(*t, e.band, where);
    e.same_category = r_.Bool(*t, "same_category", where).value_or(false);
    if (auto cls = r_.Choice(*t, "class", kClasses, false, where)) {
      e.behaviour_class = ParseClass(*cls);
    }
    std::string outcome = r_.Text(*t, "plan_outcome", false, where).value_or("");
    if (!outcome.empty()) {
      auto colon = outcome.find(':');
      std::string plan = outcome.substr(0, colon);
      if (colon == std::string::npos || outcome.substr(colon + 1) != "unsuccessful" ||
          !p_.FindPlan(plan)) {
        r_.Error(t->get("plan_outcome")->source(),
                 "'plan_outcome' in " + where + ": found \"" + outcome +
                     "\", expected \"<plan id>:unsuccessful\" naming a [[plans]] id" +
                     (plans.empty() ? "" : " (" + TomlReader::Listed(plans, ", ") + ")"));
      }
      e.outcome_plan = plan;
    }
    if (auto w = r_.Text(*t, "window", false, where)) ReadWindow(*t, *w, e, where);
    int subjects = !e.step.empty() + !e.category.empty() + !e.band.empty() + e.same_category +
                   e.behaviour_class.has_value();
    if (e.count > 0) {
      if (!t->get("window")) {
        r_.Error(t->source(), where + " counts records: add a 'window', e.g. window = \"term\"");
      }
      if (subjects != 1) {
        r_.Error(t->source(), where +
                                  " counts records: give exactly one of step, category, band, "
                                  "class or same_category = true");
      }
      if (!outcome.empty()) {
        r_.Error(t->source(), where + ": a count and a plan_outcome cannot be combined");
      }
    } else if (e.up_to) {
      r_.Error(t->get("up_to")->source(), where + ": 'up_to' needs a 'count' to start from");
    } else if (!outcome.empty()) {
      if (subjects > 0) r_.Error(t->source(), where + ": plan_outcome stands alone");
    } else if (!(e.behaviour_class.has_value() && subjects == 1)) {
      r_.Error(t->source(), where +
                                " has no trigger: give count + window + step, category, band, "
                                "class or same_category; or plan_outcome; or class alone");
    }
    p_.escalations.push_back(e);
    escalation_tables_.push_back(t);
  }
}

void Builder::ReadWindow(const toml::table& t, const std::string& w, Escalation& e,
                         const std::string& where) {
  static const std::vector<std::pair<std::string, Window::Kind>> kinds = {
      {"lesson", Window::kLesson},
      {"day", Window::kDay},
      {"week", Window::kWeek},
      {"half_term", Window::kHalfTerm},
      {"term", Window::kTerm},
      {"school_year", Window::kSchoolYear},
      {"marking_period", Window::kMarkingPeriod}};
  for (const auto& [name, kind] : kinds) {
    if (w == name) {
      e.window.kind = kind;
      return;
    }
  }
  for (auto [prefix, kind, max] : {std::tuple{"rolling_days:", Window::kRollingDays, 400},
                                   std::tuple{"school_days:", Window::kSchoolDays, 200}}) {
    std::string p = prefix;
    if (w.rfind(p, 0) != 0) continue;
    std::string digits = w.substr(p.size());
    bool numeric = !digits.empty() && digits.size() <= 3 &&
                   digits.find_first_not_of("0123456789") == std::string::npos;
    int days = numeric ? std::stoi(digits) : 0;
    if (days >= 1 && days <= max) {
      e.window = {kind, days};
      return;
    }
  }
  std::vector<std::string> names;
  for (const auto& [name, kind] : kinds) names.push_back(name);
  r_.Error(t.get("window")->source(),
           "'window' in " + where + ": found \"" + w +
               "\", expected one of: lesson, day, week, half_term, term, school_year, "
               "marking_period, rolling_days:N (the last N calendar days) or school_days:N (the "
               "last N school days)" +
               TomlReader::DidYouMean(w, names));
}

void Builder::ReadConsequences() {
  for (const toml::table* t : r_.Tables(root_, "consequences", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "kind", "off_site", "description", "actions"},
                "[[consequences]]");
    Consequence c;
    c.id = r_.Id(*t, "id", "[[consequences]]").value_or("");
    std::string where = "consequence '" + c.id + "'";
    c.name = Said(*t, "name", true, where).value_or("");
    c.protective =
        r_.Choice(*t, "kind", {"protective", "educational"}, true, where).value_or("educational") ==
        "protective";
    c.off_site = r_.Bool(*t, "off_site", where).value_or(false);
    c.description = Said(*t, "description", false, where).value_or("");
    c.actions = ReadActions(*t, where);
    p_.consequences.push_back(c);
    consequence_tables_.push_back(t);
  }
}

void Builder::ReadRewards() {
  for (const toml::table* t : r_.Tables(root_, "rewards", "the policy")) {
    r_.OnlyKeys(*t, {"id", "name", "kind", "value", "cap_per_day", "send_home"}, "[[rewards]]");
    Reward w;
    w.id = r_.Id(*t, "id", "[[rewards]]").value_or("");
    std::string where = "reward '" + w.id + "'";
    w.name = Said(*t, "name", true, where).value_or("");
    w.kind = r_.Choice(*t, "kind", {"points", "gems", "postcard", "note_home", "award", "other"},
                       true, where)
                 .value_or("other");
    w.value =
        static_cast<int>(r_.Int(*t, "value", 0, 1000, where).value_or(w.kind == "points" ? 1 : 0));
    if (auto cap = r_.Int(*t, "cap_per_day", 1, 1000, where)) {
      w.cap_per_day = static_cast<int>(*cap);
    }
    w.send_home = r_.Bool(*t, "send_home", where).value_or(false);
    p_.rewards.push_back(w);
    reward_tables_.push_back(t);
  }
}

void Builder::ReadGuards() {
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
                 "consequence '" + p_.consequences[i].id + "' sends the " +
                     p_.Word("pupil", "pupil") +
                     " off site: in law that is a formal suspension "
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

}  // namespace attune::policy
