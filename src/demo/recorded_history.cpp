#include "demo/recorded_history.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "demo/random.h"
#include "services/action_service.h"
#include "services/incident_service.h"
#include "services/plan_service.h"
#include "services/policy_service.h"
#include "services/restorative_service.h"
#include "services/school_clock.h"

namespace attune::demo {
namespace {

// Enough writers at once for the group commit to batch their records.
constexpr int kThreads = 32;

const std::vector<std::string> kPupilAnswers[] = {
    {"I was upset about my work and I shouted.", "I felt cross, and embarrassed after.",
     "The class and Miss, because she had to stop.", "A minute to calm down first.",
     "Say sorry and finish the task at break."},
    {"We were arguing at the door and I pushed.", "I thought he was laughing at me. I felt angry.",
     "Him, and me because I got sent out.", "To know he wasn't laughing at me.",
     "Talk to him with an adult there."},
    {"I didn't want to do the reading out loud.", "Worried. Everyone was looking.",
     "Sir, and the people near me.", "Not to read out loud yet.", "Agree a signal with Sir."}};

const char* kAgreements[] = {
    "We agreed a quiet signal for when it is getting too much, and a check-in next lesson.",
    "Both pupils agreed to keep space at the door and to tell an adult straight away next time.",
    "A seat nearer the front, and a two-minute break card to use once a lesson."};

const char* kCallNotes[] = {"Spoke with mum; she will talk it through at home this evening.",
                            "Spoke with dad, who thanked us for letting him know.",
                            "Left a message and then spoke with the carer after school."};

struct Principals {
  std::vector<Principal> recorders;          // teachers and support staff
  std::map<std::string, Principal> by_role;  // the first member of staff of each role
  const Principal* For(const std::string& role) const {
    auto it = by_role.find(role);
    if (it != by_role.end()) return &it->second;
    it = by_role.find("senior");
    return it == by_role.end() ? nullptr : &it->second;
  }
};

struct Services {
  Store& store;
  IncidentService& incidents;
  ActionService& actions;
  RestorativeService& restorative;
  PlanService& plans;
  const policy::Policy& policy;
  const policy::SchoolTime& time;
  const Principals& people;
  std::map<std::string, std::vector<std::string>> categories;  // by class
  std::vector<std::string> rewards;                            // weighted list of ids
  std::vector<std::string> places;
  Timestamp follow_up_until{};  // follow-ups due after this stay open
};

// Records one pupil's events, in order, and what follows from them.
Status RecordPupil(Services& s, const std::vector<HistoryEvent>& events,
                   const HistoryEvent& physical, unsigned long long seed, RecordedHistory& counts) {
  if (events.empty()) return Status::Ok();
  long long pupil_id = events.front().pupil_id;
  DemoRandom random(seed, "recorded", static_cast<int>(pupil_id));
  auto contacts = s.store.ListContacts(s.people.recorders.front().school_id, pupil_id);
  if (!contacts.ok()) return contacts.status();
  for (const auto& e : events) {
    auto pool = s.categories.find(e.behaviour_class);
    if (pool == s.categories.end() || pool->second.empty()) continue;
    RecordRequest req;
    req.pupils = {{pupil_id, "involved"}};
    // The first category of a class is the everyday one.
    req.category = random.Chance(0.5) ? pool->second.front() : random.Pick(pool->second);
    req.occurred_at = e.at;
    if (!s.places.empty()) req.place = random.Pick(s.places);
    if (e.behaviour_class == "prosocial" && !s.rewards.empty()) req.reward = random.Pick(s.rewards);
    if (e.pupil_id == physical.pupil_id && e.at == physical.at) {
      req.physical_intervention = true;
      req.physical.staff_involved = "Two members of staff trained in positive handling";
      req.physical.before =
          "Upset after break; kicking a door, then moving towards a younger pupil.";
      req.physical.de_escalation = "Calm voice, space, offered the calm room and a drink of water.";
      req.physical.hold = "a single-person guide to the calm room";
      req.physical.duration_minutes = 2;
      req.physical.reason = "To stop a younger pupil being hurt.";
      req.physical.injuries = "None";
      req.physical.support_after = "Time with the key adult, then back to lessons after lunch.";
      req.antecedent = "Disagreement at the end of break.";
      req.behaviour = "Kicked the door and moved towards a younger pupil.";
      req.response = "Space, calm voice, then a guide to the calm room.";
    }
    const Principal& recorder = s.people.recorders[random.Below(s.people.recorders.size())];
    // Recorded a few minutes after it happened, as staff would have.
    auto out =
        s.incidents.RecordAt(recorder, req, "", e.at + std::chrono::minutes(random.Between(2, 20)));
    if (!out.ok()) {
      if (out.status().code() != StatusCode::kInvalid) return out.status();
      ++counts.refused;
      continue;
    }
    ++counts.records;
    if (req.physical_intervention) {
      ++counts.physical_interventions;
      ATTUNE_RETURN_IF_ERROR(
          s.store.MarkParentNoticeSent(recorder.school_id, out->id, e.at + std::chrono::hours(3)));
    }
    bool conversation_held = false;
    for (const auto& a : out->actions) {
      if (a.due_at && *a.due_at > s.follow_up_until) continue;  // still to do
      // Most follow-ups are done on time; a few from the last week are
      // late, as in any school, so "overdue" stays rare enough to mean
      // something.
      bool last_week = !a.due_at || *a.due_at > s.follow_up_until - std::chrono::days(7);
      if (last_week && random.Chance(0.08)) continue;
      const Principal* by =
          a.assignee_staff_id == recorder.staff_id ? &recorder : s.people.For(a.assignee_role);
      if (!by) continue;
      Status st;
      if (a.kind == "phone_call_home" && !contacts->empty()) {
        ContactRequest c;
        c.pupil_id = pupil_id;
        c.incident_id = out->id;
        c.action_id = a.id;
        c.contact_id = contacts->front().id;
        c.kind = "phone_call";
        c.note = kCallNotes[random.Below(3)];
        c.at = e.at + std::chrono::hours(2);
        c.complete_action = true;
        auto id = s.restorative.LogContact(*by, c, "");
        st = id.status();
        ++counts.contacts;
        ++counts.actions_done;
      } else if (a.kind == "restorative_conversation" || a.kind == "repair") {
        if (conversation_held) continue;
        conversation_held = true;
        size_t which = random.Below(3);
        RestorativeRequest r;
        r.incident_id = out->id;
        r.pupil_id = pupil_id;
        r.adult_staff_id = recorder.staff_id;
        r.held_at = e.at + std::chrono::minutes(random.Between(30, 240));
        r.pupil_answers = kPupilAnswers[which];
        r.agreement = kAgreements[which];
        r.shuttle = which == 1 && random.Chance(0.3);
        r.repaired = random.Chance(0.85);
        auto id = s.restorative.Record(recorder, r, "");
        st = id.status();
        ++counts.restorative;
        if (r.repaired) ++counts.repairs;
      } else {
        st = s.actions.Complete(*by, a.id, "Done: " + a.label + ".", "");
        ++counts.actions_done;
      }
      if (!st.ok() && st.code() != StatusCode::kConflict && st.code() != StatusCode::kInvalid) {
        return st;
      }
    }
    for (const auto& p : out->escalations) {
      if (p.plan.empty() || !s.policy.FindPlan(p.plan)) continue;
      const Principal* lead = s.people.For("pastoral");
      auto start = s.time.NextSchoolDay(LondonDate(e.at));
      if (!lead || !start || LondonInstant(*start, 0) > s.follow_up_until) continue;
      // The pastoral lead starts plans for the pupils going through a hard
      // time and for some others; the rest are declined after a talk.
      if (e.struggling || random.Chance(0.25)) {
        NewPlan quick;
        quick.target = "Settle into lessons calmly and use the break card when needed";
        quick.starts_on = *start;
        auto plan = s.plans.StartFromEscalation(*lead, out->id, p.id, quick, "");
        if (plan.ok()) ++counts.plans;
      } else {
        ATTUNE_RETURN_IF_ERROR(s.plans.Decline(*lead, out->id, p.id, ""));
      }
    }
  }
  return Status::Ok();
}

}  // namespace

Result<RecordedHistory> RecordDemoHistory(Store& store, long long school_id,
                                          const HistoryOptions& options) {
  auto events = DemoHistoryEvents(store, school_id, options);
  if (!events.ok()) return events.status();
  PolicyService policies(store);
  SchoolClock clock(store);
  auto loaded = policies.InForce(school_id, options.until);
  if (!loaded.ok()) return loaded.status();
  auto time = clock.For(school_id);
  if (!time.ok()) return time.status();
  auto staff = store.ListStaff(school_id);
  if (!staff.ok()) return staff.status();
  Principals people;
  for (const auto& m : *staff) {
    if (!m.active) continue;
    if (m.role == Role::kTeacher || m.role == Role::kSupport)
      people.recorders.push_back(PrincipalFor(m));
    people.by_role.emplace(RoleName(m.role), PrincipalFor(m));
  }
  if (people.recorders.empty()) return Status::Invalid("the school has no teachers", "school");

  IncidentService incidents(store, policies, clock);
  ActionService actions(store);
  RestorativeService restorative(store);
  PlanService plans(store, policies, clock);
  Services s{store,  incidents, actions, restorative, plans, *loaded->policy,
             **time, people,    {},      {},          {},    {}};
  for (const auto& c : loaded->policy->categories) {
    if (c.safeguarding) continue;  // concerns are not made up, even for a demo
    s.categories[policy::ClassName(c.behaviour_class)].push_back(c.id);
  }
  for (const auto& r : loaded->policy->rewards) {
    int weight = r.kind == "points" ? 12 : r.kind == "award" ? 0 : 1;
    for (int i = 0; i < weight; ++i) s.rewards.push_back(r.id);
  }
  auto places = store.ListPlaces(school_id);
  if (!places.ok()) return places.status();
  for (const auto& p : *places) s.places.push_back(p.name);
  // Follow-ups due from today on stay open: the queues have work in them.
  s.follow_up_until = LondonInstant(options.until, 0);

  // Events before the policy came into force are not recorded.
  Timestamp from =
      loaded->version.active_from ? LondonInstant(*loaded->version.active_from, 0) : Timestamp{};
  std::map<long long, std::vector<HistoryEvent>> by_pupil;
  HistoryEvent physical;  // one physical intervention in the term
  for (const auto& e : *events) {
    if (e.at < from) continue;
    if (!physical.pupil_id && e.struggling && e.behaviour_class == "dangerous") physical = e;
    by_pupil[e.pupil_id].push_back(e);
  }
  std::vector<const std::vector<HistoryEvent>*> lists;
  for (const auto& [id, list] : by_pupil) lists.push_back(&list);

  RecordedHistory total;
  Status failure;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      RecordedHistory counts;
      Status st;
      for (size_t i = t; i < lists.size() && st.ok(); i += kThreads) {
        st = RecordPupil(s, *lists[i], physical, options.seed, counts);
      }
      std::lock_guard<std::mutex> lock(mu);
      if (!st.ok() && failure.ok()) failure = st;
      total.records += counts.records;
      total.refused += counts.refused;
      total.actions_done += counts.actions_done;
      total.restorative += counts.restorative;
      total.repairs += counts.repairs;
      total.contacts += counts.contacts;
      total.plans += counts.plans;
      total.physical_interventions += counts.physical_interventions;
    });
  }
  for (auto& t : threads) t.join();
  if (!failure.ok()) return failure;
  return total;
}

}  // namespace attune::demo
