// Staff's side of families (decision 0026): the records waiting before
// families see them (GET /family/reviews; share, with words for home, or
// keep in school), and inviting a pupil's contact to attune (POST
// /pupils/{id}/contacts/{contact}/invite).
#include "services/text.h"
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderReviews(const WebContext& ctx, http::Request& req, const Status* failed,
                             long long failed_incident, long long failed_pupil) {
  auto items = ctx.families.Reviews(*req.principal);
  if (!items.ok()) return RenderError(ctx, req, items.status());
  nlohmann::json list = nlohmann::json::array();
  for (const auto& item : *items) {
    nlohmann::json j = {
        {"incident_id", item.incident_id},
        {"pupil_id", item.pupil_id},
        {"pupil", item.pupil_name},
        {"category", item.category_name.empty() ? item.category : item.category_name},
        {"class", ClassWords(item.behaviour_class)},
        {"when", Trim(FormatLondon(item.occurred_at, "%e %B %Y, %H:%M"))},
        {"by", item.recorded_by},
        {"words", item.words},
        {"words_max", FamilyService::kWordsMax}};
    if (failed && failed_incident == item.incident_id && failed_pupil == item.pupil_id) {
      j["error"] = failed->message();
    }
    list.push_back(j);
  }
  nlohmann::json view = {{"items", list},
                         {"reviewer", ctx.families.MayReview(*req.principal)},
                         {"has_items", !list.empty()},
                         {"full", static_cast<int>(items->size()) >= FamilyService::kReviewLimit}};
  int status = failed ? HttpStatusFor(*failed) : 200;
  return RenderPage(ctx, req, "family_reviews", "For families", view, status);
}

}  // namespace

http::Response FamilyReviews(const WebContext& ctx, http::Request& req) {
  return RenderReviews(ctx, req, nullptr, 0, 0);
}

http::Response FamilyReviewDecide(const WebContext& ctx, http::Request& req) {
  auto incident = http::ParamId(req, 0);
  auto pupil = http::ParamId(req, 1);
  if (!incident.ok()) return RenderError(ctx, req, incident.status());
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  std::string decision = form->Get("decision");
  if (decision != "share" && decision != "keep") {
    Status st = Status::Invalid("Choose whether to share it or keep it in school", "decision");
    return RenderReviews(ctx, req, &st, *incident, *pupil);
  }
  Status st = ctx.families.Decide(*req.principal, *incident, *pupil, decision == "share",
                                  form->Get("words"), req.ip);
  if (st.code() == StatusCode::kInvalid) return RenderReviews(ctx, req, &st, *incident, *pupil);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/family/reviews");
  SetFlash(r, decision == "share" ? "Shared with the family." : "Kept in school.",
           ctx.secure_cookies);
  return r;
}

http::Response ContactStopAccess(const WebContext& ctx, http::Request& req) {
  auto pupil = http::ParamId(req, 0);
  auto contact = http::ParamId(req, 1);
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  if (!contact.ok()) return RenderError(ctx, req, contact.status());
  Status st = ctx.families.StopAccess(*req.principal, *pupil, *contact, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/pupils/" + std::to_string(*pupil) + "#contacts");
  SetFlash(r, "They no longer see this pupil in attune.", ctx.secure_cookies);
  return r;
}

http::Response ContactInvite(const WebContext& ctx, http::Request& req) {
  auto pupil = http::ParamId(req, 0);
  auto contact = http::ParamId(req, 1);
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  if (!contact.ok()) return RenderError(ctx, req, contact.status());
  Status st = ctx.families.Invite(*req.principal, *pupil, *contact, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/pupils/" + std::to_string(*pupil) + "#contacts");
  SetFlash(r, "Invitation sent. The link in it works once, for 7 days.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web

namespace attune::web {

// POST /incidents/{id}/family/{pupil}/withdraw: a record taken back from a
// pupil's family (services/family_service.h, Withdraw).
http::Response FamilyShareWithdraw(const WebContext& ctx, http::Request& req) {
  auto incident = http::ParamId(req, 0);
  auto pupil = http::ParamId(req, 1);
  if (!incident.ok()) return RenderError(ctx, req, incident.status());
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
  if (auto form = req.Form(); !form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.families.Withdraw(*req.principal, *incident, *pupil, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  http::Response r = http::Response::Redirect("/incidents/" + std::to_string(*incident));
  SetFlash(r, "Taken back: the family no longer sees it. An email already sent cannot be recalled.",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
