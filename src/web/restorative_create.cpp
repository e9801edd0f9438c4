// POST /incidents/{id}/restorative: records a restorative conversation with
// the seed prompts (for the pupil and for the person harmed), shuttle mode,
// an agreement with a review date and, when it happened, the repair.
// Mistakes are shown on the record page with what was typed kept.
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// The answers to prompts `<prefix>0`..`<prefix>n-1`, without trailing blanks.
std::vector<std::string> AnswersFrom(const http::FormData& form, const std::string& prefix,
                                     size_t count) {
  std::vector<std::string> out;
  for (size_t k = 0; k < count; ++k) out.push_back(form.Get(prefix + std::to_string(k)));
  while (!out.empty() && out.back().find_first_not_of(" \t\r\n") == std::string::npos) {
    out.pop_back();
  }
  return out;
}

}  // namespace

http::Response RestorativeCreate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  RestorativeRequest r;
  r.incident_id = *id;
  Status st = Status::Ok();
  auto pupil = http::IntValue(form->Get("pupil_id"), 0, "pupil_id");
  auto adult = http::IntValue(form->Get("adult_staff_id"), 0, "adult_staff_id");
  if (!pupil.ok()) st = pupil.status();
  if (st.ok() && !adult.ok()) st = adult.status();
  if (st.ok()) {
    r.pupil_id = *pupil;
    r.adult_staff_id = *adult;
    r.shuttle = form->Get("shuttle") == "1";
    r.harmed = form->Get("harmed");
    r.pupil_answers = AnswersFrom(*form, "pupil_answer_", RestorativePrompts().size());
    r.harmed_answers = AnswersFrom(*form, "harmed_answer_", HarmedPrompts().size());
    r.agreement = form->Get("agreement");
    r.repaired = form->Get("repaired") == "1";
    if (std::string review = form->Get("review_on"); !review.empty()) {
      auto day = ParseDate(review, "review_on");
      if (day.ok()) {
        r.review_on = *day;
      } else {
        st = Status::Invalid("Give the review date as a date, e.g. 2026-03-16", "review_on");
      }
    }
  }
  Result<long long> saved =
      st.ok() ? ctx.restorative.Record(*req.principal, r, req.ip) : Result<long long>(st);
  if (!saved.ok()) {
    if (saved.status().code() != StatusCode::kInvalid) {
      return RenderError(ctx, req, saved.status());
    }
    IncidentFormError failed{"restorative", saved.status(), *form};
    return RenderIncidentPage(ctx, req, *id, &failed);
  }
  std::string message = "The restorative conversation is saved.";
  if (r.repaired) message += " The repair is recorded.";
  return BackToRestorative(ctx, req, *id, message);
}

}  // namespace attune::web
