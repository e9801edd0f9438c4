// One decision of the engine (engine.h), as an object: the observation, the
// pupil's past prepared once, and the decision being built. Internal to the
// engine; engine.cpp holds the steps and escalations, engine_care.cpp the
// consequences, recognition, safeguarding and the law's guards.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "policy/engine.h"
#include "policy/window.h"

namespace attune::policy {

long long DayNumber(Timestamp t);
long long DayNumber(Date d);

// Contact with home and restorative work could put a child at risk in a
// safeguarding concern, so they wait for the DSL (Keeping Children Safe in
// Education); records, referrals and reviews go ahead.
bool HeldForSafeguarding(const std::string& kind);

class Decider {
 public:
  Decider(const Policy& p, const SchoolTime& t, const PupilContext& c, const Observation& o)
      : p_(p), time_(t), pupil_(c), obs_(o) {}

  Decision Run();

 private:
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

  // engine.cpp
  void Prepare();
  bool SameScope(long long day, long long period) const;
  bool InWindow(const Window& w, const Seen& r);
  int CurrentOrder() const;
  void Step(const Category& c);
  void Escalations(const Category& category);

  // engine_care.cpp
  void Safeguarding(std::vector<std::string> roles);
  std::vector<std::string> ConcernRoles() const;
  void Reward();
  void Consequences();
  void ConsequenceDate();
  void PhysicalIntervention();
  void Debriefs(const Category& category);
  void Training();

  void Refuse(std::string field, std::string reason);
  void AddAction(const std::string& kind, const std::string& label, const std::string& assignee,
                 const std::optional<Deadline>& due, const std::string& description,
                 const std::string& because);
  // The policy's own actions (a step's, a consequence's), held back in a
  // safeguarding concern. Returns whether any was held.
  bool AddPolicyActions(const std::vector<Action>& actions, const std::string& because);
  // Sets d_.guards' safeguarding hold once.
  void Hold(const std::string& message);

  const Policy& p_;
  const SchoolTime& time_;
  const PupilContext& pupil_;
  const Observation& obs_;
  Decision d_;
  std::vector<Seen> seen_;
  bool dated_ = false;  // an action is due the school day before the consequence's date
  long long now_day_ = 0;
  long long now_period_ = 0;
  // Day numbers each day-based window covers now, by WindowName.
  std::map<std::string, std::optional<std::pair<long long, long long>>> windows_;
};

}  // namespace attune::policy
