// The recording pages' shared parts (issue 4, "Recording in the moment"):
// the form exactly as typed, so a refusal re-renders it with nothing lost;
// reading it into the service's RecordRequest; and the views of the pages,
// the chosen pupils, their profiles and the policy's live preview.
//
// Both forms are multipart/form-data (notes can pass 8 KB: decision 0005).
// Field names: pupil (repeated id), role_<id>, category, step, date, time,
// place, lesson, antecedent, behaviour, response, perceived_function,
// others (repeated), consequence (repeated), consequence_date,
// safeguarding, physical_intervention, pi_* (the statutory record;
// pi_staff_id repeated, for the training check), reward.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "services/incident_service.h"
#include "web/context.h"

namespace attune::web {

enum class RecordKind { kPositive, kDifficult };

// "positive" or "difficult"; anything else is Difficult.
RecordKind ParseRecordKind(const std::string& text);
const char* RecordKindName(RecordKind kind);

// The recording form as the member of staff left it. Nothing is checked
// here: every value is kept as text so it can be shown again.
struct RecordForm {
  RecordKind kind = RecordKind::kDifficult;
  std::vector<std::string> pupil_ids;  // ticked, in order, repeats dropped
  std::vector<std::string> roles;      // one per pupil_ids entry
  std::string category;
  std::string step;  // "" takes the policy's suggestion
  std::string date;  // YYYY-MM-DD, London
  std::string time;  // HH:MM, London
  std::string place;
  std::string lesson;
  std::string antecedent;
  std::string behaviour;
  std::string response;
  std::string perceived_function;
  std::vector<std::string> others_involved;
  std::vector<std::string> consequences;
  std::string consequence_date;
  bool safeguarding = false;
  bool physical_intervention = false;
  PhysicalIntervention physical;       // duration_minutes and staff_ids unused: see below
  std::string duration;                // minutes, as typed
  std::vector<std::string> staff_ids;  // pi_staff_id (repeated): who held the pupil
  std::string reward;
  std::string send_home;  // "", "yes" or "no" (a positive note, decision 0026)
};

RecordForm ReadRecordForm(const http::FormData& form, RecordKind kind);

// The request for IncidentService. Invalid, naming the field, for ids,
// dates, times and numbers that are not what they claim to be.
Result<RecordRequest> ToRecordRequest(const RecordForm& form);

// A fresh form: now, and the place and lesson of the lesson in progress
// in `day` (the member of staff's timetable; may be null), all editable.
RecordForm FreshRecordForm(RecordKind kind, const MyDay* day);

// The whole view of pages/record_positive or pages/record_difficult, with
// `error` (when not OK) shown next to its field. `day` offers the classes
// ("whole class"); when null it is read. Fails only when storage does.
Result<nlohmann::json> RecordPageView(const WebContext& ctx, const http::Request& req,
                                      const RecordForm& form, const Status& error,
                                      const MyDay* day = nullptr);

// The positive page's choices from `policy`: its prosocial categories
// ("categories", the one in `form` checked) and its rewards ("rewards", in
// the policy's order, with their value in words), and the note as typed.
nlohmann::json PositiveView(const policy::Policy& policy, const RecordForm& form);

// fragments/record_chosen for `pupils`; those in `already_shown` come back
// as out-of-band swaps of their existing chip (ticked again). A non-empty
// `status` is announced to screen readers (out of band, #record-who-status).
std::string RenderChosen(const WebContext& ctx, RecordKind kind, const std::vector<Pupil>& pupils,
                         const std::vector<std::string>& roles,
                         const std::vector<long long>& already_shown,
                         const std::string& status = "");

// fragments/record_profiles for the chosen pupils: communication
// preferences, what helps, triggers, key adult, today's plan target.
Result<std::string> RenderProfiles(const WebContext& ctx, const http::Request& req,
                                   const std::vector<Pupil>& pupils);

// fragments/record_preview: what the policy would decide for `form` now.
std::string RenderPreview(const WebContext& ctx, const http::Request& req, const RecordForm& form);

// Loads the ticked pupils of `form` that are on the school's roll.
std::vector<Pupil> ChosenPupils(const WebContext& ctx, const http::Request& req,
                                const RecordForm& form);

// fragments/record_results: pupils matching `query`, or the members of
// teaching group `group_id` when it is above 0; "" when neither is given.
// Each result is a link to the page with `chosen` (pupil ids) and it
// chosen, for browsers without script; htmx adds it in place instead.
std::string RecordResultsHtml(const WebContext& ctx, const http::Request& req, RecordKind kind,
                              const std::string& query, long long group_id,
                              const std::vector<std::string>& chosen);

// "&pupil=1&pupil=2" for the ids in `chosen` that are whole numbers.
std::string ChosenQuery(const std::vector<std::string>& chosen);

// Records `request` as the principal; a refusal (Invalid) shows `page`
// again with the reason in place and everything typed kept (422), any other
// failure the error page. `saved` makes the answer once it is recorded.
http::Response SaveOrShowAgain(const WebContext& ctx, http::Request& req, const RecordForm& record,
                               const Result<RecordRequest>& request, const std::string& page,
                               const std::string& title,
                               const std::function<http::Response(const RecordOutcome&)>& saved);

// "SENCO advice" stays; "Phone call home" becomes "phone call home".
std::string LowerFirst(const std::string& label);

}  // namespace attune::web
