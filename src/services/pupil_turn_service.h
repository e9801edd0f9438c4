// The pupil's turn on a plan (issue 15, decision 0028): a member of staff
// who may write a plan opens one of its sections holding the pupil's own
// questions (policy: pupil_answers, pupil_asks) for the pupil, who answers
// them on a shared device that is not signed in (a class tablet) with a
// short one-time code; their words go into the plan's entry or review for
// the day, marked as written by the pupil themselves.
//
// Deny by default: a code opens one turn of one plan, for its own pupil's
// questions only, once, until it expires (the end of the school day, and
// at least kMinimumTime), or until another turn of the plan is started.
// Only the code's hash is kept. Codes that do not work are counted per
// network address in the same throttle as survey codes (decision 0027),
// so a guesser gains nothing by alternating. Starting a turn and the
// pupil's answer are audited.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/pupil_turn.h"
#include "services/plan_service.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

struct TurnStarted {
  PupilTurn turn;
  std::string code;  // as shown: "ABCD EFGH"; never kept
  std::string first_name;
  std::string section_title;
};

// One question as the pupil reads it.
struct TurnQuestion {
  std::string field_id;
  std::string asked;  // the field's pupil_asks, or its label
};

// What a pupil sees after a working code: their first name and their
// questions, nothing else of the plan.
struct TurnQuestions {
  std::string code;  // normalised, to send with the answers
  std::string first_name;
  std::vector<TurnQuestion> questions;
};

class PupilTurnService {
 public:
  PupilTurnService(Store& store, PolicyService& policies, SchoolClock& clock, PlanService& plans)
      : store_(store), policies_(policies), clock_(clock), plans_(plans) {}

  // A turn lasts to the end of the school day it starts on, and at least this.
  static constexpr std::chrono::minutes kMinimumTime{60};

  // The sections of `plan` whose questions `plan.may_write` (entries) or
  // `plan.may_review` (reviews) lets its reader open for the pupil: those
  // holding fields the pupil answers, at stage entry or review.
  static std::vector<const policy::PlanSection*> Openable(const PlanDetail& plan);

  // Starts a turn on section `section_id` of plan `plan_id` for day `on`.
  // NotFound when `by` may not read the plan (restricted plans as on its
  // page); Forbidden unless `by` may write that stage; Invalid (field
  // "section" or "on") for a section without the pupil's questions or a
  // day the plan cannot be written for. Ends the plan's earlier open turn.
  // Audited (plan.pupil_turn).
  Result<TurnStarted> Start(const Principal& by, long long plan_id, const std::string& section_id,
                            Date on, const std::string& ip);

  // Pupils (no sign-in). The questions a code opens. Invalid (field "code")
  // for an empty code; NotFound for one that does not work (or no longer);
  // TooManyRequests after SurveyService::kMaxWrongCodes from the address.
  Result<TurnQuestions> Open(const std::string& typed_code, const std::string& ip);
  // Saves the pupil's answers ({"<field id>": "words"}) into the plan and
  // ends the turn. Invalid naming the field ("fields.<id>") in words a
  // child can read; NotFound as Open. Audited (plan.pupil_words).
  Status Answer(const std::string& typed_code, const nlohmann::json& answers,
                const std::string& ip);

 private:
  struct Opened {
    PupilTurn turn;
    PupilPlan plan;
    std::shared_ptr<const policy::Policy> policy;
    const policy::PlanSection* section = nullptr;
    std::string first_name;
  };
  // The turn a normalised code opens, counted by the throttle.
  Result<Opened> Check(const std::string& code, const std::string& ip);

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
  PlanService& plans_;
};

}  // namespace attune
