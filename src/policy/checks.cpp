// The policy builder's checks of the whole policy: steps no record can
// reach, rules that contradict each other, and the school's removed words.
#include <algorithm>

#include "model/role.h"
#include "policy/builder.h"
#include "policy/explain.h"

namespace attune::policy {
namespace {

// Whether escalation `e` counts records of category `c`.
bool Counts(const Policy& p, const Escalation& e, const Category& c) {
  if (e.count <= 0) return false;
  if (!e.category.empty()) return e.category == c.id;
  if (!e.band.empty()) return e.band == c.band;
  if (e.behaviour_class) return *e.behaviour_class == c.behaviour_class;
  if (e.same_category) return c.behaviour_class != BehaviourClass::kProsocial;
  if (const Step* s = p.FindStep(e.step)) {
    return !c.planned_ignoring && c.behaviour_class != BehaviourClass::kProsocial &&
           p.HighestOrder(c) >= s->order;
  }
  return false;
}

// The highest step order `c` may take: 0 when it takes none.
int Reach(const Policy& p, const Category& c) {
  if (c.planned_ignoring || c.behaviour_class == BehaviourClass::kProsocial) return 0;
  return p.HighestOrder(c);
}

}  // namespace

// A step no record can reach: below every category's starting step, with
// nothing to enter it directly.
void Builder::CheckReachability() {
  if (p_.steps.empty()) return;
  int lowest_entry = static_cast<int>(p_.steps.size()) + 1;
  bool any_stepped = false;
  for (const auto& c : p_.categories) {
    if (c.behaviour_class == BehaviourClass::kProsocial || c.planned_ignoring) continue;
    any_stepped = true;
    const Step* s = c.default_step.empty() ? &p_.steps.front() : p_.FindStep(c.default_step);
    if (s) lowest_entry = std::min(lowest_entry, s->order);
  }
  for (size_t i = 0; i < p_.steps.size() && i < step_tables_.size(); ++i) {
    if (!any_stepped || p_.steps[i].order < lowest_entry) {
      r_.Warning(step_tables_[i]->source(), "step '" + p_.steps[i].id +
                                                "' cannot be reached: every category starts "
                                                "above it");
    }
  }
}

void Builder::CheckContradictions() {
  // A category that starts above the highest step it may reach.
  for (size_t i = 0; i < p_.categories.size(); ++i) {
    const Category& c = p_.categories[i];
    const Step* start = p_.FindStep(c.default_step);
    int reach = Reach(p_, c);
    if (start && reach > 0 && start->order > reach) {
      r_.Error(category_tables_[i]->get("default_step")->source(),
               "category '" + c.id + "' starts at step '" + start->id +
                   "', above the highest step it may reach ('" + p_.steps[reach - 1].id +
                   "'): lower its default_step or raise its highest step");
    }
    // Dangerous behaviour is never only a tally: someone could be hurt.
    if (c.behaviour_class == BehaviourClass::kDangerous) {
      const Step* first = start ? start : p_.steps.empty() ? nullptr : &p_.steps.front();
      if (c.planned_ignoring) {
        r_.Error(category_tables_[i]->get("response")->source(),
                 "category '" + c.id +
                     "' is dangerous but met with planned ignoring: when someone could be hurt "
                     "or seriously harmed, staff respond and make a full record");
      } else if (first && first->record == Recording::kTally) {
        r_.Error(category_tables_[i]->source(),
                 "category '" + c.id + "' is dangerous but starts at step '" + first->id +
                     "', a one-tap tally: when someone could be hurt, staff make a full record. "
                     "Start it at a step with record = \"required\"");
      }
    }
  }
  for (size_t i = 0; i < p_.escalations.size(); ++i) {
    const Escalation& e = p_.escalations[i];
    const toml::table& t = *escalation_tables_[i];
    std::vector<const Category*> counted;
    for (const auto& c : p_.categories) {
      if (Counts(p_, e, c)) counted.push_back(&c);
    }
    if (e.behaviour_class && e.count <= 0 && e.outcome_plan.empty()) {
      for (const auto& c : p_.categories) {
        if (c.behaviour_class == *e.behaviour_class) counted.push_back(&c);
      }
    }
    // Proposing a step that none of the records it counts may ever take.
    if (const Step* proposed = p_.FindStep(e.propose_step); proposed && !counted.empty()) {
      bool any = std::any_of(counted.begin(), counted.end(),
                             [&](const Category* c) { return Reach(p_, *c) >= proposed->order; });
      if (!any) {
        std::string which = counted.size() == 1 ? "category '" + counted.front()->id + "'"
                                                : "none of the categories it counts";
        int reach = Reach(p_, *counted.front());
        r_.Error(t.get("propose_step")->source(),
                 "escalation '" + e.id + "' proposes step '" + proposed->id + "', which " + which +
                     " can never take" +
                     (counted.size() == 1
                          ? (reach == 0 ? " (it takes no step)"
                                        : " (its highest step is '" + p_.steps[reach - 1].id + "')")
                          : std::string()) +
                     ": propose a plan instead, or raise the highest step");
      }
    }
    // Persistent planned ignoring must reach someone who can act on it.
    bool ignored = std::any_of(counted.begin(), counted.end(),
                               [](const Category* c) { return c->planned_ignoring; });
    if (!ignored) continue;
    const Plan* plan = p_.FindPlan(e.propose_plan);
    auto owner = plan ? ParseRole(plan->owner) : std::nullopt;
    if (!plan) {
      r_.Error(t.source(), "escalation '" + e.id +
                               "' counts behaviour met with planned ignoring but proposes only "
                               "a step, which that behaviour never takes, so no one who can act "
                               "is told: propose a plan (propose_plan) owned by a role that can "
                               "start it");
    } else if (owner && !RoleHas(*owner, Permission::kPlansManage)) {
      std::vector<std::string> can;
      for (Role r : RolesWith(Permission::kPlansManage)) can.push_back(RoleName(r));
      r_.Error(t.get("propose_plan")->source(),
               "escalation '" + e.id +
                   "' counts behaviour met with planned ignoring and "
                   "proposes plan '" +
                   plan->id + "', owned by " + RoleLabel(*owner) +
                   ", who cannot start plans in attune, so no one who can act is told: give "
                   "the plan an owner who can (" +
                   TomlReader::Listed(can, ", ") + ")");
    }
  }
}

void Builder::CheckRemovedWords() {
  if (p_.removed_words.empty()) return;
  auto instead = [](const std::string& words) {
    return words.empty() ? std::string(": use other words") : ": say \"" + words + "\" instead";
  };
  std::set<std::string> found;
  for (const auto& [text, place] : said_) {
    for (const auto& [word, words] : p_.removed_words) {
      if (!MentionsWord(text, word)) continue;
      found.insert(word);
      r_.Error(place.at, "\"" + word +
                             "\" is a word the school has removed ([removed_words]), "
                             "and families or pupils read " +
                             place.what + instead(words));
    }
  }
  // attune's own sentences in the explanation for families.
  Explanation ex = Explain(p_);
  for (const auto& [word, words] : p_.removed_words) {
    if (found.count(word)) continue;
    auto report = [&](const std::string& line) {
      if (!MentionsWord(line, word) || found.count(word)) return;
      found.insert(word);
      r_.Error(removed_at_,
               "\"" + word +
                   "\" is removed, but attune's explanation for families would still "
                   "use it (\"" +
                   line + "\"); change the [vocabulary] word it comes from" +
                   (word == "suspension" ? ", or keep the law's word 'suspension'" : ""));
    };
    for (const auto& s : ex.sections) {
      report(s.heading);
      report(s.intro);
      for (const auto& item : s.items) {
        report(item.title);
        for (const auto& line : item.lines) report(line);
      }
    }
  }
}

}  // namespace attune::policy
