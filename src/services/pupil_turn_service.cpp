// The pupil's turn on a plan (services/pupil_turn_service.h).
#include "services/pupil_turn_service.h"

#include "core/secrets.h"
#include "policy/plan_rules.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/survey_service.h"

namespace attune {
namespace {

const char* kNoCode = "Type the code your teacher gave you.";
const char* kWrongCode = "That code did not work. Check it with your teacher.";

bool Writes(const PlanDetail& d, policy::PlanStage stage) {
  return stage == policy::PlanStage::kEntry ? d.may_write : d.may_review;
}

}  // namespace

std::vector<const policy::PlanSection*> PupilTurnService::Openable(const PlanDetail& d) {
  std::vector<const policy::PlanSection*> out;
  if (!d.type || d.plan.status != "active") return out;
  for (const auto& s : d.type->sections) {
    bool staged = s.stage == policy::PlanStage::kEntry || s.stage == policy::PlanStage::kReview;
    if (staged && s.HasPupilFields() && Writes(d, s.stage)) out.push_back(&s);
  }
  return out;
}

Result<TurnStarted> PupilTurnService::Start(const Principal& by, long long plan_id,
                                            const std::string& section_id, Date on,
                                            const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kPlansWrite));
  auto d = plans_.Get(by, plan_id, ip);
  if (!d.ok()) return d.status();
  if (!d->type) return Status::Conflict("This plan's type is no longer in the policy");
  if (d->plan.status != "active") {
    return Status::Conflict("This plan has ended; nothing more can be added to it");
  }
  const policy::PlanSection* section = nullptr;
  for (const auto& s : d->type->sections) {
    if (s.id == section_id) section = &s;
  }
  if (!section || !section->HasPupilFields() ||
      (section->stage != policy::PlanStage::kEntry &&
       section->stage != policy::PlanStage::kReview)) {
    return Status::Invalid("Choose a part of the plan with the pupil's own questions", "section");
  }
  if (!Writes(*d, section->stage)) {
    return Status::Forbidden(
        "The policy does not give your role " +
        std::string(section->stage == policy::PlanStage::kEntry ? "writing in" : "reviewing") +
        " a " + d->type->name);
  }
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  ATTUNE_RETURN_IF_ERROR(PlanProblems(DayProblems(d->plan, section->stage, **time, on)));
  auto pupil = store_.GetPupil(by.school_id, d->plan.pupil_id);
  if (!pupil.ok()) return pupil.status();

  Timestamp now = Now();
  Timestamp until = now + kMinimumTime;
  if ((*time)->IsSchoolDay(LondonDate(now))) {
    auto end = (*time)->DueAt(policy::Deadline::WithinSchoolDays(0), now);
    if (end && *end > until && LondonDate(*end) == LondonDate(now)) until = *end;
  }
  TurnStarted out;
  out.code = RandomCode(SurveyService::kCodeLength, SurveyService::kCodeAlphabet);
  out.turn.school_id = by.school_id;
  out.turn.plan_id = plan_id;
  out.turn.section_id = section->id;
  out.turn.on = on;
  out.turn.started_by_staff_id = by.staff_id;
  out.turn.started_at = now;
  out.turn.expires_at = until;
  auto id = store_.StartPupilTurn(out.turn, HashToken(out.code));
  if (!id.ok()) return id.status();
  out.turn.id = *id;
  out.code = out.code.substr(0, 4) + " " + out.code.substr(4);
  out.first_name = pupil->ShownFirstName();
  out.section_title = section->title;
  Audit(store_, &by, "plan.pupil_turn", "plan", plan_id, section->id, ip);
  return out;
}

Result<PupilTurnService::Opened> PupilTurnService::Check(const std::string& code,
                                                         const std::string& ip) {
  Timestamp now = Now();
  Status begun = store_.BeginSurveyCodeAttempt(ip, now, now - SurveyService::kCodeWindow,
                                               SurveyService::kMaxWrongCodes);
  if (begun.code() == StatusCode::kTooManyRequests) {
    Audit(store_, nullptr, "plan.pupil_code_throttled", "", 0, "", ip);
    return Status::TooManyRequests(
        "Too many codes did not work on this device. Ask your teacher to help you.");
  }
  ATTUNE_RETURN_IF_ERROR(begun);
  if (code.size() != SurveyService::kCodeLength ||
      code.find_first_not_of(SurveyService::kCodeAlphabet) != std::string::npos) {
    return Status::NotFound(kWrongCode);
  }
  auto turn = store_.FindPupilTurn(HashToken(code), now);
  if (!turn.ok()) {
    return turn.status().code() == StatusCode::kNotFound ? Status::NotFound(kWrongCode)
                                                         : turn.status();
  }
  Opened o;
  o.turn = std::move(*turn);
  auto plan = store_.GetPlan(o.turn.school_id, o.turn.plan_id);
  if (!plan.ok()) return plan.status();
  o.plan = std::move(*plan);
  auto loaded = policies_.InForce(o.turn.school_id, o.plan.started_on);
  if (!loaded.ok()) return loaded.status();
  o.policy = loaded->policy;
  const policy::Plan* type = o.policy->FindPlan(o.plan.plan);
  if (type) {
    for (const auto& s : type->sections) {
      if (s.id == o.turn.section_id) o.section = &s;
    }
  }
  if (!o.section) return Status::NotFound(kWrongCode);  // the policy no longer asks it
  auto pupil = store_.GetPupil(o.turn.school_id, o.plan.pupil_id);
  if (!pupil.ok()) return pupil.status();
  o.first_name = pupil->ShownFirstName();
  ATTUNE_RETURN_IF_ERROR(store_.SurveyCodeWorked(ip));
  return o;
}

Result<TurnQuestions> PupilTurnService::Open(const std::string& typed_code, const std::string& ip) {
  std::string code = SurveyService::NormaliseCode(typed_code);
  if (code.empty()) return Status::Invalid(kNoCode, "code");
  auto o = Check(code, ip);
  if (!o.ok()) return o.status();
  TurnQuestions out;
  out.code = code;
  out.first_name = o->first_name;
  for (const auto& f : o->section->fields) {
    if (f.pupil_answers) out.questions.push_back({f.id, f.AskedOfPupil()});
  }
  return out;
}

Status PupilTurnService::Answer(const std::string& typed_code, const nlohmann::json& answers,
                                const std::string& ip) {
  std::string code = SurveyService::NormaliseCode(typed_code);
  if (code.empty()) return Status::Invalid(kNoCode, "code");
  auto o = Check(code, ip);
  if (!o.ok()) return o.status();
  nlohmann::json clean;
  ATTUNE_RETURN_IF_ERROR(PlanProblems(policy::CheckPupilAnswers(*o->section, answers, clean)));
  bool review = o->section->stage == policy::PlanStage::kReview;
  auto entry =
      store_.AnswerPupilTurn(HashToken(code), Now(), review ? "review" : "entry", clean.dump());
  if (!entry.ok()) {
    return entry.status().code() == StatusCode::kNotFound ? Status::NotFound(kWrongCode)
                                                          : entry.status();
  }
  // The pupil writes, not a member of staff: the school's entry with no staff.
  Principal school;
  school.school_id = o->turn.school_id;
  Audit(store_, &school, "plan.pupil_words", "plan", o->plan.id,
        o->section->id + " (turn " + std::to_string(o->turn.id) + ")", ip);
  return Status::Ok();
}

}  // namespace attune
