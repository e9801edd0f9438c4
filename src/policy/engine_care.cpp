// The decision engine's care and guards: safeguarding, recognition,
// consequences and the actions they carry, physical intervention and the
// training it relies on.
#include <algorithm>

#include "policy/decider.h"

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

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  }
  return out;
}

}  // namespace

bool HeldForSafeguarding(const std::string& kind) {
  return kind == "phone_call_home" || kind == "inform_home" || kind == "restorative_conversation" ||
         kind == "repair" || kind == "amends" || kind == "meeting" || kind == "home_visit" ||
         kind == "letter_home" || kind == "reflection_day_notice" || kind == "behaviour_contract";
}

void Decider::Hold(const std::string& message) {
  if (!d_.HasGuard("safeguarding_hold")) d_.guards.push_back({"safeguarding_hold", message});
}

// Who reads a concern marked on an ordinary category: those the policy
// names for its safeguarding categories, else the DSL alone.
std::vector<std::string> Decider::ConcernRoles() const {
  for (const auto& c : p_.categories) {
    if (c.safeguarding && !c.visible_to.empty()) return c.visible_to;
  }
  return {"dsl"};
}

void Decider::Safeguarding(std::vector<std::string> roles) {
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

void Decider::Reward() {
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
      // The note still counts: it is kept, without the reward.
      e.awarded = 0;
      e.capped = true;
      e.left_out = true;
      e.reason = LeftOutReason(*r, p_.Word("pupil", "pupil"));
      d_.reward = e;
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
        e.reason = "Reward points are capped at " + std::to_string(*cap) + " for the rest of the " +
                   (p_.ladder.scope == Scope::kLesson ? p_.Word("lesson", "lesson") : "day") +
                   " after the " + p_.Word("step", "step") + " reached earlier";
      }
    }
  }
  d_.reward = e;
}

void Decider::Consequences() {
  bool protective = false, educational = false, off_site = false, held = false;
  for (const auto& id : obs_.consequences) {
    const Consequence* c = p_.FindConsequence(id);
    if (!c) {
      Refuse("consequences", "\"" + id + "\" is not one of the school's consequences");
      continue;
    }
    protective = protective || c->protective;
    educational = educational || !c->protective;
    off_site = off_site || c->off_site;
    held = AddPolicyActions(c->actions, "consequence \"" + c->name + "\"") || held;
  }
  if (held) {
    Hold(
        "Contact with home and restorative work wait for the DSL's decision: in a "
        "safeguarding concern they could put the " +
        p_.Word("pupil", "pupil") + " at risk.");
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
    AddAction(kSuspensionDecision, LegalLabel(kSuspensionDecision), p_.guards.suspension_decided_by,
              Deadline::SameDay(17 * 60), "Decide, choose the reason codes and send the notices",
              "law: suspension");
  }
}

// A notice due "the school day before" a consequence needs that date, on a
// school day, late enough for the notice to be given in time (seed 003:
// "informed ... by 5pm on the previous day").
void Decider::ConsequenceDate() {
  if (!dated_) return;
  if (!obs_.consequence_date) {
    Refuse("consequence_date",
           "Choose the date it happens, so parents can be told the school day before");
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

void Decider::PhysicalIntervention() {
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
    std::erase_if(d_.actions, [](const RequiredAction& a) { return HeldForSafeguarding(a.kind); });
    if (d_.actions.size() != before) {
      Hold("Telling parents would likely cause the " + p_.Word("pupil", "pupil") +
           " significant harm, so contact with home waits for the DSL's decision.");
    }
    AddAction(kLocalAuthorityNotice, LegalLabel(kLocalAuthorityNotice), "dsl", g.parent_notice_due,
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

// The staff debrief a plan type is for (seed 003 §15: "debriefs following
// difficult events"): after a physical intervention or dangerous behaviour,
// a debrief action for the plan's owner. It stands in a safeguarding
// concern too: it is about the staff, not a message home.
void Decider::Debriefs(const Category& category) {
  bool dangerous = category.behaviour_class == BehaviourClass::kDangerous;
  for (const Plan& plan : p_.plans) {
    bool after =
        (obs_.physical_intervention && Plan::Lists(plan.debrief_for, "physical_intervention")) ||
        (dangerous && Plan::Lists(plan.debrief_for, "dangerous"));
    if (!after) continue;
    AddAction("debrief", plan.name, plan.owner, plan.debrief_due,
              "A solution-focused debrief with the staff involved: " + plan.name,
              "policy: " + plan.name + " after " +
                  (obs_.physical_intervention ? "a physical intervention" : "dangerous behaviour"));
  }
}

// Whether those who held the pupil had the training the policy relies on:
// worth a senior leader's attention, never a reason to refuse the record.
void Decider::Training() {
  if (!obs_.physical_intervention) return;
  std::vector<const policy::Training*> needed;
  std::vector<std::string> names;
  for (const auto& t : p_.training) {
    if (!t.for_physical_intervention) continue;
    needed.push_back(&t);
    names.push_back(t.name);
  }
  if (needed.empty()) return;
  if (obs_.staff_involved.empty()) {
    d_.warnings.push_back(
        "No member of staff involved is named on the record, so their " + Join(names) +
        " training could not be checked; our policy relies on it for physical intervention.");
    return;
  }
  Date today = LondonDate(obs_.at);
  for (const auto& person : obs_.staff_involved) {
    for (const auto* t : needed) {
      bool held = false, current = false;
      std::optional<Date> expired;
      for (const auto& h : person.training) {
        if (h.training != t->id || today < h.taken_on) continue;
        held = true;
        std::optional<Date> expires = CurrentUntil(*t, h.taken_on, h.expires_on);
        if (!expires || !(*expires < today)) {
          current = true;
          break;
        }
        if (!expired || *expired < *expires) expired = expires;
      }
      if (current) continue;
      d_.warnings.push_back(
          held ? person.name + "'s " + t->name + " training ran out on " + DateWords(*expired) +
                     "; our policy relies on current " + t->name +
                     " training for physical intervention."
               : person.name + " has no " + t->name +
                     " training on record; our policy relies on it for physical intervention.");
    }
  }
}

}  // namespace attune::policy
