#include "policy/engine.h"

#include <algorithm>

namespace attune::policy {
namespace {

// Action kinds the law adds, beyond those a policy may list.
constexpr const char* kStatutoryRecord = "physical_intervention_record";
constexpr const char* kParentNotice = "parent_notice";
constexpr const char* kLocalAuthorityNotice = "local_authority_notice";
constexpr const char* kSuspensionDecision = "suspension_decision";

std::string LegalLabel(const std::string& kind) {
  if (kind == kStatutoryRecord) return "Statutory record of the physical intervention";
  if (kind == kParentNotice) return "Tell parents or carers about the physical intervention";
  if (kind == kLocalAuthorityNotice) return "Tell the local authority (not the parents)";
  if (kind == kSuspensionDecision) return "Headteacher's suspension decision and notices";
  return ActionLabel(kind);
}

long long DayNumber(Timestamp t) {
  return date::sys_days(LondonDate(t)).time_since_epoch().count();
}

long long DayNumber(Date d) { return date::sys_days(d).time_since_epoch().count(); }

// The Monday of the week a day number falls in (day 0, 1 January 1970, was
// a Thursday).
long long MondayOf(long long day) { return day - ((day + 3) % 7 + 7) % 7; }

// A past record prepared once per decision: its London day, the lesson it
// fell in, and what its ids refer to in the policy.
struct Seen {
  Timestamp at{};
  long long day = 0;
  long long period = 0;  // teaching period id; 0 before the first
  const Category* category = nullptr;
  const Step* step = nullptr;
  const std::string* category_id = nullptr;
  const std::string* step_id = nullptr;
};

bool PlanActive(const PupilContext& pupil, const std::string& plan) {
  return std::any_of(pupil.plans.begin(), pupil.plans.end(),
                     [&](const PlanState& s) { return s.plan == plan && s.active; });
}

class Decider {
 public:
  Decider(const Policy& p, const SchoolTime& t, const PupilContext& c, const Observation& o)
      : p_(p), time_(t), pupil_(c), obs_(o) {}

  Decision Run() {
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
    Escalations(*category);
    ConsequenceDate();
    return d_;
  }

 private:
  void Prepare() {
    now_day_ = DayNumber(obs_.at);
    const Period* period = time_.PeriodAt(obs_.at);
    now_period_ = period ? period->id : 0;
    for (auto [kind, range] : {std::pair{"half_term", &half_term_}, std::pair{"term", &term_}}) {
      if (const CalendarEntry* e = time_.EntryContaining(LondonDate(obs_.at), kind)) {
        *range = {DayNumber(e->starts_on), DayNumber(e->ends_on)};
      }
    }
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
  bool SameScope(long long day, long long period) const {
    return day == now_day_ && (p_.ladder.scope == Scope::kDay || period == now_period_);
  }

  bool InWindow(const Window& w, const Seen& r) const {
    switch (w.kind) {
      case Window::kLesson:
        return r.day == now_day_ && r.period == now_period_;
      case Window::kDay:
        return r.day == now_day_;
      case Window::kWeek: {
        return MondayOf(r.day) == MondayOf(now_day_);
      }
      case Window::kHalfTerm:
        return r.day >= half_term_.first && r.day <= half_term_.second;
      case Window::kTerm:
        return r.day >= term_.first && r.day <= term_.second;
      case Window::kRollingDays:
        return ToUnix(obs_.at) - ToUnix(r.at) < static_cast<long long>(w.days) * 86400;
    }
    return false;
  }

  void Refuse(std::string field, std::string reason) {
    d_.refusals.push_back({std::move(field), std::move(reason)});
  }

  void AddAction(const std::string& kind, const std::string& label, const std::string& assignee,
                 const std::optional<Deadline>& due, const std::string& description,
                 const std::string& because) {
    std::optional<Timestamp> when;
    if (due) when = time_.DueAt(*due, obs_.at, obs_.consequence_date);
    for (auto& a : d_.actions) {
      if (a.kind != kind || a.assignee != assignee) continue;
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
    a.assignee = assignee;
    a.due = when;
    a.description = description;
    a.because = because;
    d_.actions.push_back(std::move(a));
  }

  // Who reads a concern marked on an ordinary category: those the policy
  // names for its safeguarding categories, else the DSL alone.
  std::vector<std::string> ConcernRoles() const {
    for (const auto& c : p_.categories) {
      if (c.safeguarding && !c.visible_to.empty()) return c.visible_to;
    }
    return {"dsl"};
  }

  void Safeguarding(std::vector<std::string> roles) {
    // The DSL always reads safeguarding records.
    if (std::find(roles.begin(), roles.end(), "dsl") == roles.end()) {
      roles.insert(roles.begin(), "dsl");
    }
    d_.restricted = true;
    d_.visible_to = roles;
    d_.guards.push_back({"safeguarding",
                         "This is a safeguarding concern: the designated "
                         "safeguarding lead is alerted, and only " +
                             Join(d_.visible_to) + " can read it."});
    AddAction("dsl_review", "DSL review", "dsl", Deadline::SameDay(17 * 60),
              "Review the concern and decide next steps", "safeguarding category");
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
      out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    }
    return out;
  }

  // Highest step order reached in this scope before now; 0 when none.
  int CurrentOrder() const {
    int current = 0;
    for (const auto& r : seen_) {
      if (r.step && SameScope(r.day, r.period)) current = std::max(current, r.step->order);
    }
    return current;
  }

  void Step(const Category& c) {
    if (p_.steps.empty()) return;
    int top = static_cast<int>(p_.steps.size());
    int current = CurrentOrder();
    const policy::Step* entry_step = p_.FindStep(c.default_step);
    int entry = entry_step ? entry_step->order : 1;
    int suggested = std::min(top, std::max(current + 1, entry));
    d_.suggested_step = p_.steps[suggested - 1].id;

    const policy::Step* chosen =
        obs_.step.empty() ? &p_.steps[suggested - 1] : p_.FindStep(obs_.step);
    if (!chosen) {
      Refuse("step",
             "\"" + obs_.step + "\" is not one of the school's " + p_.Word("steps", "steps"));
      return;
    }
    bool one_at_a_time = std::find(p_.ladder.no_jumps_for.begin(), p_.ladder.no_jumps_for.end(),
                                   c.behaviour_class) != p_.ladder.no_jumps_for.end();
    int allowed = std::max(current + 1, entry);
    auto enter = p_.ladder.may_enter_at.find(c.behaviour_class);
    if (enter != p_.ladder.may_enter_at.end()) {
      if (const policy::Step* s = p_.FindStep(enter->second)) allowed = std::max(allowed, s->order);
    } else if (!one_at_a_time) {
      allowed = top;
    }
    if (chosen->order > allowed) {
      const policy::Step& next = p_.steps[std::min(top, allowed) - 1];
      std::string word = p_.Word("step", "step");
      if (one_at_a_time) {
        Refuse("step", "Our policy takes " + p_.Word("steps", "steps") + " one at a time for " +
                           ClassLabel(c.behaviour_class) + " behaviour: the next " + word +
                           " is \"" + next.name + "\", not \"" + chosen->name + "\". Give the " +
                           p_.Word("pupil", "pupil") + " time between " +
                           p_.Word("steps", "steps") + " to make good choices.");
      } else {
        Refuse("step", ClassLabel(c.behaviour_class) + std::string(" behaviour may start at \"") +
                           next.name + "\" at most in our policy, not \"" + chosen->name + "\"");
      }
      return;
    }
    d_.step = chosen->id;
    // A safeguarding concern is always a full record, never a tally.
    d_.tally_only = chosen->record == Recording::kTally && !d_.restricted;
    std::string because = p_.Word("step", "step") + " \"" + chosen->name + "\"";
    bool held = false;
    chosen_actions_ = chosen->actions;
    for (const auto& a : chosen->actions) {
      if (d_.restricted && HeldForSafeguarding(a.kind)) {
        held = true;
        continue;
      }
      AddAction(a.kind, ActionLabel(a.kind), a.assignee, a.due, a.description, because);
    }
    if (chosen->parent_contact == ParentContact::kRequired && !d_.FindAction("phone_call_home")) {
      if (d_.restricted) {
        held = true;
      } else {
        AddAction("phone_call_home", ActionLabel("phone_call_home"), "recorder",
                  Deadline::SameDay(17 * 60), "", because);
      }
    }
    if (held) {
      d_.guards.push_back({"safeguarding_hold",
                           "Contact with home and restorative work wait for the DSL's decision: "
                           "in a safeguarding concern they could put the " +
                               p_.Word("pupil", "pupil") + " at risk."});
    }
    SencoAdvice(*chosen);
  }

  // Contact with home and restorative work could put a child at risk in a
  // safeguarding concern, so they wait for the DSL (Keeping Children Safe in
  // Education); records, referrals and reviews go ahead.
  static bool HeldForSafeguarding(const std::string& kind) {
    return kind == "phone_call_home" || kind == "restorative_conversation" || kind == "repair" ||
           kind == "meeting" || kind == "home_visit" || kind == "letter_home" ||
           kind == "reflection_day_notice" || kind == "behaviour_contract";
  }

  void SencoAdvice(const policy::Step& step) {
    const Guards& g = p_.guards;
    if (!g.senco_advice_declared) return;
    const policy::Step* from = p_.FindStep(g.senco_from_step);
    if (!from || step.order < from->order) return;
    if (std::find(g.senco_sen.begin(), g.senco_sen.end(), pupil_.sen) == g.senco_sen.end()) return;
    d_.guards.push_back(
        {"senco_advice", std::string("This ") + p_.Word("pupil", "pupil") +
                             (pupil_.sen == "E" ? " has an EHC plan" : " has SEN support") +
                             ": the SENCO advises on the response from \"" + from->name + "\"."});
    AddAction("senco_advice", ActionLabel("senco_advice"), "senco", g.senco_due,
              "Advice on reasonable adjustments and next steps", "law and policy: SEN");
  }

  void Reward() {
    if (obs_.reward.empty()) return;
    const policy::Reward* r = p_.FindReward(obs_.reward);
    if (!r) {
      Refuse("reward", "\"" + obs_.reward + "\" is not one of the school's ways of recognising");
      return;
    }
    RewardEffect e;
    e.reward = r->id;
    e.requested = r->value;
    e.awarded = r->value;
    Date today = LondonDate(obs_.at);
    if (r->cap_per_day) {
      int given = 0;
      for (const auto& past : pupil_.rewards) {
        if (past.reward == r->id && LondonDate(past.at) == today && past.at <= obs_.at) ++given;
      }
      if (given >= *r->cap_per_day) {
        Refuse("reward", r->name + " can be given at most " + std::to_string(*r->cap_per_day) +
                             " time(s) a day to the same " + p_.Word("pupil", "pupil") +
                             "; try a note home or a word of praise");
        return;
      }
    }
    if (r->kind == "points") {
      // A capped step reached in this scope limits the points for the rest of it.
      std::optional<int> cap;
      Timestamp capped_since{};
      for (const auto& h : seen_) {
        if (!h.step || !h.step->reward_points_cap || !SameScope(h.day, h.period)) continue;
        // The strictest cap holds, from the first time it was reached.
        int value = *h.step->reward_points_cap;
        if (!cap || value < *cap || (value == *cap && h.at < capped_since)) {
          cap = value;
          capped_since = h.at;
        }
      }
      if (cap) {
        int since = 0;
        for (const auto& past : pupil_.rewards) {
          if (past.at < capped_since || past.at > obs_.at) continue;
          const Period* p = time_.PeriodAt(past.at);
          if (SameScope(DayNumber(past.at), p ? p->id : 0)) since += past.points;
        }
        int room = std::max(0, *cap - since);
        if (room < e.requested) {
          e.awarded = room;
          e.capped = true;
          e.reason = "Reward points are capped at " + std::to_string(*cap) +
                     " for the rest of the " +
                     (p_.ladder.scope == Scope::kLesson ? "lesson" : "day") + " after the " +
                     p_.Word("step", "step") + " reached earlier";
        }
      }
    }
    d_.reward = e;
  }

  void Consequences() {
    bool protective = false, educational = false, off_site = false;
    for (const auto& id : obs_.consequences) {
      const Consequence* c = p_.FindConsequence(id);
      if (!c) {
        Refuse("consequences", "\"" + id + "\" is not one of the school's consequences");
        continue;
      }
      protective = protective || c->protective;
      educational = educational || !c->protective;
      off_site = off_site || c->off_site;
    }
    if (protective && !educational) {
      Refuse("consequences",
             "A protective consequence needs an educational one alongside it, so the " +
                 p_.Word("pupil", "pupil") + " learns, rehearses or repairs; add one");
    }
    if (off_site) {
      d_.guards.push_back(
          {"suspension",
           "Sending a " + p_.Word("pupil", "pupil") +
               " home or off site is a formal suspension in law, whatever we call it: only the "
               "headteacher can decide it, with one to three DfE reason codes, and parents and "
               "the local authority are told in writing."});
      AddAction(kSuspensionDecision, LegalLabel(kSuspensionDecision),
                p_.guards.suspension_decided_by, Deadline::SameDay(17 * 60),
                "Decide, choose the reason codes and send the notices", "law: suspension");
    }
  }

  // A notice due "the school day before" a consequence needs that date, on a
  // school day, late enough for the notice to be given in time (seed 003:
  // "informed ... by 5pm on the previous day").
  void ConsequenceDate() {
    bool needs_date = false;
    for (const auto& a : chosen_actions_) {
      needs_date = needs_date || (a.due && a.due->kind == Deadline::kSchoolDayBefore);
    }
    if (!needs_date) return;
    std::string what = "the date it happens";
    if (!obs_.consequence_date) {
      Refuse("consequence_date", "Choose " + what +
                                     ", so parents can be told the school day "
                                     "before");
      return;
    }
    if (!time_.IsSchoolDay(*obs_.consequence_date)) {
      Refuse("consequence_date", FormatDate(*obs_.consequence_date) +
                                     " is not a school day; choose a day the " +
                                     p_.Word("pupil", "pupil") + " is in school");
      return;
    }
    for (const auto& a : d_.actions) {
      if (a.due && *a.due < obs_.at) {
        Refuse("consequence_date", "Parents could no longer be told in time (" + a.label +
                                       " was due " + FormatLondon(*a.due, "%A %e %B %H:%M") +
                                       "); choose a later date");
        return;
      }
    }
  }

  void PhysicalIntervention() {
    if (!obs_.physical_intervention) return;
    const Guards& g = p_.guards;
    d_.guards.push_back({"physical_intervention",
                         "A physical intervention must be recorded the same day, with what "
                         "happened before, de-escalation tried, the hold and its duration, why "
                         "it was necessary, injuries and support afterwards."});
    AddAction(kStatutoryRecord, LegalLabel(kStatutoryRecord), "recorder", g.physical_record_due, "",
              "law: physical intervention");
    if (obs_.parent_notice_would_harm) {
      // Nothing goes home automatically: contact with home waits for the DSL.
      size_t before = d_.actions.size();
      d_.actions.erase(
          std::remove_if(d_.actions.begin(), d_.actions.end(),
                         [](const RequiredAction& a) { return HeldForSafeguarding(a.kind); }),
          d_.actions.end());
      if (d_.actions.size() != before && !d_.HasGuard("safeguarding_hold")) {
        d_.guards.push_back({"safeguarding_hold",
                             "Telling parents would likely cause the " + p_.Word("pupil", "pupil") +
                                 " significant harm, so contact with home waits for the DSL's "
                                 "decision."});
      }
      AddAction(kLocalAuthorityNotice, LegalLabel(kLocalAuthorityNotice), "dsl",
                g.parent_notice_due,
                "Telling parents would likely cause significant harm: the local authority is "
                "told instead, and nothing is sent to the parents",
                "law: physical intervention");
    } else if (d_.restricted) {
      AddAction(kParentNotice, LegalLabel(kParentNotice), "dsl", g.parent_notice_due,
                "A safeguarding concern: the DSL decides how parents are told",
                "law: physical intervention");
    } else {
      AddAction(kParentNotice, LegalLabel(kParentNotice), "recorder", g.parent_notice_due, "",
                "law: physical intervention");
    }
  }

  void Escalations(const Category& category) {
    for (const auto& e : p_.escalations) {
      if (!e.propose_plan.empty() && PlanActive(pupil_, e.propose_plan)) continue;
      bool fire = false;
      std::string reason;
      if (e.count > 0) {
        auto matches = [&](const Category* c, const std::string& cat, const std::string& step) {
          if (!e.step.empty()) return step == e.step;
          if (!e.category.empty()) return cat == e.category;
          return c && c->behaviour_class == *e.behaviour_class;
        };
        if (!matches(&category, category.id, d_.step)) continue;
        int n = 1;
        for (const auto& r : seen_) {
          if (matches(r.category, *r.category_id, *r.step_id) && InWindow(e.window, r)) ++n;
        }
        fire = n >= e.count;
        reason = std::to_string(n) + " in the window";
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

  const Policy& p_;
  const SchoolTime& time_;
  const PupilContext& pupil_;
  const Observation& obs_;
  Decision d_;
  std::vector<Seen> seen_;
  std::vector<Action> chosen_actions_;  // the chosen step's own actions
  long long now_day_ = 0;
  long long now_period_ = 0;
  // Day numbers of the half-term and term now is in; empty ranges when none.
  std::pair<long long, long long> half_term_{1, 0};
  std::pair<long long, long long> term_{1, 0};
};

}  // namespace

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
    Timestamp from = start;
    switch (e.window.kind) {
      case Window::kLesson:
      case Window::kDay:
        break;
      case Window::kWeek:
        from = LondonInstant(Date{date::sys_days(date::days(MondayOf(DayNumber(today))))}, 0);
        break;
      case Window::kHalfTerm:
      case Window::kTerm:
        // Outside any half-term or term the window holds nothing.
        if (const CalendarEntry* entry = time.EntryContaining(
                today, e.window.kind == Window::kTerm ? "term" : "half_term")) {
          from = LondonInstant(entry->starts_on, 0);
        }
        break;
      case Window::kRollingDays:
        from = at - std::chrono::hours(24 * e.window.days);
        break;
    }
    start = std::min(start, from);
  }
  return start;
}

}  // namespace attune::policy
