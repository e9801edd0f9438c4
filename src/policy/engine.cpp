#include "policy/engine.h"

#include <algorithm>

#include "policy/decider.h"

namespace attune::policy {

long long DayNumber(Timestamp t) {
  return date::sys_days(LondonDate(t)).time_since_epoch().count();
}

long long DayNumber(Date d) { return date::sys_days(d).time_since_epoch().count(); }

namespace {

bool PlanActive(const PupilContext& pupil, const std::string& plan) {
  return std::any_of(pupil.plans.begin(), pupil.plans.end(),
                     [&](const PlanState& s) { return s.plan == plan && s.active; });
}

}  // namespace

Decision Decider::Run() {
  Prepare();
  d_.category = obs_.category;
  const Category* category = p_.FindCategory(obs_.category);
  if (!category) {
    Refuse("category", "\"" + obs_.category + "\" is not one of the school's categories");
    return d_;
  }
  d_.behaviour_class = category->behaviour_class;
  if (category->safeguarding) {
    Safeguarding(category->visible_to);
  } else if (obs_.safeguarding) {
    Safeguarding(ConcernRoles());
  }
  if (category->behaviour_class == BehaviourClass::kProsocial) {
    if (!obs_.step.empty()) {
      Refuse("step", "Steps are for when a " + p_.Word("pupil", "pupil") +
                         " is struggling; a prosocial note has no step");
    }
    Reward();
  } else if (category->planned_ignoring) {
    d_.tally_only = true;
    if (!obs_.step.empty()) {
      Refuse("step", category->name +
                         " is met with planned ignoring in our policy, so it "
                         "takes no step; it is counted as a tally");
    }
  } else {
    Step(*category);
  }
  if (!obs_.reward.empty() && category->behaviour_class != BehaviourClass::kProsocial) {
    Refuse("reward", "Recognition is recorded as its own prosocial note, not on this record");
  }
  Consequences();
  PhysicalIntervention();
  Debriefs(*category);
  Training();
  Escalations(*category);
  ConsequenceDate();
  return d_;
}

void Decider::Prepare() {
  now_day_ = DayNumber(obs_.at);
  const Period* period = time_.PeriodAt(obs_.at);
  now_period_ = period ? period->id : 0;
  seen_.reserve(pupil_.history.size());
  for (const auto& r : pupil_.history) {
    if (r.at > obs_.at) continue;
    Seen s;
    s.at = r.at;
    s.day = DayNumber(r.at);
    const Period* p = time_.PeriodAt(r.at);
    s.period = p ? p->id : 0;
    s.category = p_.FindCategory(r.category);
    s.step = r.step.empty() ? nullptr : p_.FindStep(r.step);
    s.category_id = &r.category;
    s.step_id = &r.step;
    seen_.push_back(s);
  }
}

// Whether a moment is in the same stretch of time (lesson or day) as now.
bool Decider::SameScope(long long day, long long period) const {
  return day == now_day_ && (p_.ladder.scope == Scope::kDay || period == now_period_);
}

bool Decider::InWindow(const Window& w, const Seen& r) {
  switch (w.kind) {
    case Window::kLesson:
      return r.day == now_day_ && r.period == now_period_;
    case Window::kDay:
      return r.day == now_day_;
    case Window::kRollingDays:
      return ToUnix(obs_.at) - ToUnix(r.at) < static_cast<long long>(w.days) * 86400;
    default:
      break;
  }
  auto [it, fresh] = windows_.try_emplace(WindowName(w));
  if (fresh) {
    if (auto range = WindowDays(w, time_, LondonDate(obs_.at))) {
      it->second = std::pair{DayNumber(range->first), DayNumber(range->last)};
    }
  }
  return it->second && r.day >= it->second->first && r.day <= it->second->second;
}

void Decider::Refuse(std::string field, std::string reason) {
  d_.refusals.push_back({std::move(field), std::move(reason)});
}

void Decider::AddAction(const std::string& kind, const std::string& label,
                        const std::string& assignee, const std::optional<Deadline>& due,
                        const std::string& description, const std::string& because) {
  // A school role is given to the person or the attune role behind it.
  std::string who = assignee, words = p_.RoleWords(assignee);
  if (const SchoolRole* role = p_.FindRole(assignee)) {
    who = role->each_pupils.empty() ? role->attune_role : role->each_pupils;
  }
  std::optional<Timestamp> when;
  if (due) when = time_.DueAt(*due, obs_.at, obs_.consequence_date);
  for (auto& a : d_.actions) {
    if (a.kind != kind || a.assignee != who) continue;
    // One of each is enough; where two rules ask for it, the earlier deadline holds.
    if (when && (!a.due || *when < *a.due)) {
      a.due = when;
      a.because = because;
    }
    return;
  }
  RequiredAction a;
  a.kind = kind;
  a.label = label;
  a.assignee = who;
  a.assignee_words = words;
  a.due = when;
  a.description = description;
  a.because = because;
  d_.actions.push_back(std::move(a));
}

bool Decider::AddPolicyActions(const std::vector<Action>& actions, const std::string& because) {
  bool held = false;
  for (const auto& a : actions) {
    dated_ = dated_ || (a.due && a.due->kind == Deadline::kSchoolDayBefore);
    if (d_.restricted && HeldForSafeguarding(a.kind)) {
      held = true;
      continue;
    }
    AddAction(a.kind, p_.ActionWords(a.kind), a.assignee, a.due, a.description, because);
  }
  return held;
}

// Highest step order reached in this scope before now; 0 when none.
int Decider::CurrentOrder() const {
  int current = 0;
  for (const auto& r : seen_) {
    if (r.step && SameScope(r.day, r.period)) current = std::max(current, r.step->order);
  }
  return current;
}

void Decider::Step(const Category& c) {
  if (p_.steps.empty()) return;
  int current = CurrentOrder();
  // Repeated behaviour climbs no higher than the policy lets it.
  int highest = p_.HighestOrder(c);
  const policy::Step* entry_step = p_.FindStep(c.default_step);
  int entry = entry_step ? entry_step->order : 1;
  int suggested = std::min(highest, std::max(current + 1, entry));
  d_.suggested_step = p_.steps[suggested - 1].id;

  const policy::Step* chosen =
      obs_.step.empty() ? &p_.steps[suggested - 1] : p_.FindStep(obs_.step);
  const std::string word = p_.Word("step", "step"), words = p_.Word("steps", "steps");
  if (!chosen) {
    Refuse("step", "\"" + obs_.step + "\" is not one of the school's " + words);
    return;
  }
  if (chosen->order > highest) {
    Refuse("step", c.name + " goes no further than \"" + p_.steps[highest - 1].name +
                       "\" in our policy, however often it happens; \"" + chosen->name +
                       "\" is kept for more serious behaviour.");
    return;
  }
  bool one_at_a_time = std::find(p_.ladder.no_jumps_for.begin(), p_.ladder.no_jumps_for.end(),
                                 c.behaviour_class) != p_.ladder.no_jumps_for.end();
  int top = static_cast<int>(p_.steps.size());
  int allowed = std::max(current + 1, entry);
  auto enter = p_.ladder.may_enter_at.find(c.behaviour_class);
  if (enter != p_.ladder.may_enter_at.end()) {
    if (const policy::Step* s = p_.FindStep(enter->second)) allowed = std::max(allowed, s->order);
  } else if (!one_at_a_time) {
    allowed = top;
  }
  if (chosen->order > allowed) {
    const policy::Step& next = p_.steps[std::min(top, allowed) - 1];
    if (one_at_a_time) {
      Refuse("step", "Our policy takes " + words + " one at a time for " +
                         ClassLabel(c.behaviour_class) + " behaviour: the next " + word + " is \"" +
                         next.name + "\", not \"" + chosen->name + "\". Give the " +
                         p_.Word("pupil", "pupil") + " time between " + words +
                         " to make good choices.");
    } else {
      Refuse("step", ClassLabel(c.behaviour_class) + std::string(" behaviour may start at \"") +
                         next.name + "\" at most in our policy, not \"" + chosen->name + "\"");
    }
    return;
  }
  d_.step = chosen->id;
  // A safeguarding concern is always a full record, never a tally.
  d_.tally_only = chosen->record == Recording::kTally && !d_.restricted;
  std::string because = word + " \"" + chosen->name + "\"";
  bool held = AddPolicyActions(chosen->actions, because);
  auto has = [&](std::initializer_list<const char*> kinds) {
    return std::any_of(kinds.begin(), kinds.end(), [&](const char* k) {
      return std::any_of(chosen->actions.begin(), chosen->actions.end(),
                         [&](const Action& a) { return a.kind == k; });
    });
  };
  // What the step promises families, done: a call, or letting them know.
  if (chosen->parent_contact == ParentContact::kRequired && !has({"phone_call_home"})) {
    if (d_.restricted) {
      held = true;
    } else {
      AddAction("phone_call_home", p_.ActionWords("phone_call_home"), "recorder",
                Deadline::SameDay(17 * 60), "", because);
    }
  } else if (chosen->parent_contact == ParentContact::kInform &&
             !has({"phone_call_home", "inform_home", "letter_home", "home_visit"})) {
    if (d_.restricted) {
      held = true;
    } else {
      AddAction("inform_home", p_.ActionWords("inform_home"), "recorder",
                Deadline::SameDay(17 * 60), "Let them know what happened and how we helped",
                because);
    }
  }
  if (held) {
    Hold(
        "Contact with home and restorative work wait for the DSL's decision: in a "
        "safeguarding concern they could put the " +
        p_.Word("pupil", "pupil") + " at risk.");
  }
  const Guards& g = p_.guards;
  const policy::Step* from = p_.FindStep(g.senco_from_step);
  if (!g.senco_advice_declared || !from || chosen->order < from->order) return;
  if (std::find(g.senco_sen.begin(), g.senco_sen.end(), pupil_.sen) == g.senco_sen.end()) return;
  d_.guards.push_back(
      {"senco_advice", std::string("This ") + p_.Word("pupil", "pupil") +
                           (pupil_.sen == "E" ? " has an EHC plan" : " has SEN support") +
                           ": the SENCO advises on the response from \"" + from->name + "\"."});
  AddAction("senco_advice", p_.ActionWords("senco_advice"), "senco", g.senco_due,
            "Advice on reasonable adjustments and next steps", "law and policy: SEN");
}

void Decider::Escalations(const Category& category) {
  for (const auto& e : p_.escalations) {
    if (!e.propose_plan.empty() && PlanActive(pupil_, e.propose_plan)) continue;
    bool fire = false;
    std::string reason;
    if (e.count > 0) {
      auto matches = [&](const Category* c, const std::string& cat, const std::string& step) {
        if (!e.step.empty()) return step == e.step;
        if (!e.category.empty()) return cat == e.category;
        if (e.same_category) {
          return c && c->behaviour_class != BehaviourClass::kProsocial && cat == category.id;
        }
        if (!e.band.empty()) return c && c->band == e.band;
        return c && c->behaviour_class == *e.behaviour_class;
      };
      if (!matches(&category, category.id, d_.step)) continue;
      int n = 1;
      for (const auto& r : seen_) {
        if (matches(r.category, *r.category_id, *r.step_id) && InWindow(e.window, r)) ++n;
      }
      fire = n >= e.count && (!e.up_to || n <= *e.up_to);
      reason = std::to_string(n) + " " + WindowWords(e.window, p_);
    } else if (!e.outcome_plan.empty()) {
      fire = std::any_of(pupil_.plans.begin(), pupil_.plans.end(), [&](const PlanState& s) {
        return s.plan == e.outcome_plan && !s.active && s.outcome == "unsuccessful";
      });
      reason = "plan ended without success";
    } else if (e.behaviour_class) {
      fire = category.behaviour_class == *e.behaviour_class;
      reason = std::string(ClassLabel(*e.behaviour_class)) + " behaviour";
    }
    if (!fire) continue;
    if (!e.quote.empty()) reason += ": \"" + e.quote + "\"";
    d_.escalations.push_back({e.id, e.propose_plan, e.propose_step, reason});
  }
}

bool Decision::HasGuard(const std::string& kind) const {
  return std::any_of(guards.begin(), guards.end(), [&](const Guard& g) { return g.kind == kind; });
}

const RequiredAction* Decision::FindAction(const std::string& kind) const {
  for (const auto& a : actions) {
    if (a.kind == kind) return &a;
  }
  return nullptr;
}

Decision Decide(const Policy& policy, const SchoolTime& time, const PupilContext& pupil,
                const Observation& observation) {
  return Decider(policy, time, pupil, observation).Run();
}

Timestamp HistoryStart(const Policy& policy, const SchoolTime& time, Timestamp at) {
  Date today = LondonDate(at);
  Timestamp start = LondonInstant(today, 0);
  for (const auto& e : policy.escalations) {
    if (e.count <= 0) continue;
    if (e.window.kind == Window::kRollingDays) {
      start = std::min(start, at - std::chrono::hours(24 * e.window.days));
    } else if (auto range = WindowDays(e.window, time, today)) {
      // Outside any half-term or term the window holds nothing.
      start = std::min(start, LondonInstant(range->first, 0));
    }
  }
  return start;
}

}  // namespace attune::policy
