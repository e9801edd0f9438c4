// The rules a plan keeps whatever the school's form (docs/policy.md,
// "[[plans]]"): its longest time, its review and check-in cadence in school
// days, the notice families are owed before it starts, and the values its
// fields accept. Pure: the plan service applies them to what it stores, and
// the decision cases (tests/policy_cases) show them one by one.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "policy/policy.h"
#include "policy/school_time.h"

namespace attune::policy {

// One thing wrong with a plan, naming the field ("ends_on",
// "fields.aim") and what to do.
struct PlanProblem {
  std::string field;
  std::string message;
};

// The school day `n` school days after `from` (0: `from`); nullopt when the
// calendar runs out.
std::optional<Date> SchoolDaysAfter(const SchoolTime& time, Date from, int n);

// When a plan started on `starts_on` falls due.
struct PlanDates {
  std::optional<Date> last_day;         // the longest it may run: its last school day
  std::optional<Date> first_review;     // reviews: due at the end of that day
  std::optional<Date> first_check_in;   // check-ins: the same
  std::optional<Timestamp> notice_due;  // families told by then
};
PlanDates Schedule(const Plan& plan, const SchoolTime& time, Date starts_on,
                   std::optional<int> check_in_every = std::nullopt);

// The first day a plan with a notice may start when decided at `now`: the
// first school day whose notice is not yet past. Any school day from today
// for a plan without one.
std::optional<Date> EarliestStart(const Plan& plan, const SchoolTime& time, Timestamp now);

// Problems with starting `plan` on `starts_on`, ending by `ends_on` (when
// given), decided at `now`: not a school day, longer than its longest time,
// ending before it starts, or its notice already past (saying the earliest
// day still possible).
std::vector<PlanProblem> CheckDates(const Plan& plan, const SchoolTime& time, Date starts_on,
                                    std::optional<Date> ends_on, Timestamp now);

// How a pupil's words came to be written, kept in a view's "written" part:
// by the pupil themselves on their own turn, or written down by an adult
// with them ("scribed"). Absent: an adult's account of the view.
inline constexpr const char* kByPupil = "pupil";
inline constexpr const char* kScribed = "scribed";

// Checks `fields` (a JSON object) against the sections of `stage` and gives
// them in the form attune keeps (`clean`): an unknown field, a field of
// another stage, a value of the wrong type or too long, a required field
// left empty, a protective action without an educational one. A view given
// as plain text is kept as given by the participant named; a view the
// pupil answers may say {"written": "scribed"} (never "pupil": only the
// pupil's own turn writes that). `kept` (clean values already written, e.g.
// the pupil's own words earlier that day) fills the fields `fields` leaves
// out, before required fields are checked.
std::vector<PlanProblem> CheckFields(const Plan& plan, PlanStage stage,
                                     const nlohmann::json& fields, nlohmann::json& clean,
                                     const nlohmann::json& kept = nlohmann::json::object());

// Checks a pupil's answers on their own turn ({"<field id>": "words"}):
// only fields of `section` the pupil answers, text up to 4,000
// characters, at least one answered; messages a child can read. `clean`
// holds each as {"text", "given_by": "pupil", "written": "pupil"}.
std::vector<PlanProblem> CheckPupilAnswers(const PlanSection& section,
                                           const nlohmann::json& answers, nlohmann::json& clean);

// The values of `values` the pupil wrote themselves (written "pupil").
nlohmann::json PupilWritten(const nlohmann::json& values);

// Record ids the `records` fields of `clean` name (the caller checks they
// are the pupil's).
std::vector<long long> LinkedRecords(const Plan& plan, const nlohmann::json& clean);

// The participant's name as the form shows it: "the pupil" (the school's
// word), "parent or carer", "key adult", ...
std::string ParticipantWords(const Policy& policy, const std::string& participant);

}  // namespace attune::policy
