// POST /contacts: contact with a parent or carer (a call, meeting, home
// visit, letter or positive note), from the record page or from an action;
// with complete_action it also completes the linked action in one step.
//
// The pupil and contact come as "who" = "<pupil_id>:<contact_id>" (record
// page) or as pupil_id and contact_id (an action). Mistakes are shown beside
// the form they came from, with the note kept.
#include "web/actions_page.h"
#include "web/handlers.h"
#include "web/incident_page.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

Result<long long> Id(const std::string& text, const std::string& field) {
  if (text.empty()) return 0LL;
  auto n = http::IntValue(text, 0, field);
  if (!n.ok() || *n < 0) return Status::Invalid("Choose from the list", field);
  return static_cast<long long>(*n);
}

Status Parse(const http::FormData& form, ContactRequest* r) {
  std::string pupil = form.Get("pupil_id");
  std::string contact = form.Get("contact_id");
  if (std::string who = form.Get("who"); !who.empty()) {
    auto colon = who.find(':');
    if (colon == std::string::npos)
      return Status::Invalid("Choose who you were in touch with", "who");
    pupil = who.substr(0, colon);
    contact = who.substr(colon + 1);
  }
  auto pupil_id = Id(pupil, "pupil_id");
  if (!pupil_id.ok()) return pupil_id.status();
  auto contact_id = Id(contact, "contact_id");
  if (!contact_id.ok()) return contact_id.status();
  auto incident_id = Id(form.Get("incident_id"), "incident_id");
  if (!incident_id.ok()) return incident_id.status();
  auto action_id = Id(form.Get("action_id"), "action_id");
  if (!action_id.ok()) return action_id.status();
  r->pupil_id = *pupil_id;
  r->contact_id = *contact_id;
  r->incident_id = *incident_id;
  r->action_id = *action_id;
  r->kind = form.Get("kind");
  r->note = form.Get("note");
  r->complete_action = form.Get("complete_action") == "1";
  if (r->pupil_id == 0) return Status::Invalid("Choose the pupil", "pupil_id");
  return Status::Ok();
}

}  // namespace

http::Response ContactCreate(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  ContactRequest r;
  Status st = Parse(*form, &r);
  Result<long long> saved =
      st.ok() ? ctx.restorative.LogContact(*req.principal, r, req.ip) : Result<long long>(st);
  std::string fallback = r.incident_id ? "/incidents/" + std::to_string(r.incident_id) : "/actions";
  std::string back = SafeBack(form->Get("back"), fallback);
  if (!saved.ok()) {
    const Status& error = saved.status();
    if (error.code() != StatusCode::kInvalid) return RenderError(ctx, req, error);
    // Shown beside the form it came from: an action's, or the record's.
    if (back.rfind("/actions", 0) == 0 && r.action_id) {
      ActionFormError failed{r.action_id, "contact", error, r.note};
      return RenderActionsPage(ctx, req, QueryOf(back), &failed);
    }
    if (r.incident_id) {
      IncidentFormError failed{"contact", error, *form};
      return RenderIncidentPage(ctx, req, r.incident_id, &failed);
    }
    return RenderError(ctx, req, error);
  }
  std::string message = "Contact with home saved.";
  if (r.complete_action && r.action_id) message += " The action is done.";
  http::Response resp = http::Response::Redirect(back);
  SetFlash(resp, message, ctx.secure_cookies);
  return resp;
}

}  // namespace attune::web
