// Views from home on a plan's page (issue 15): the sections the policy
// gives to the parent (the WAP's "Parental View"), asking the family for
// their view, each family's answer, and the answers filled into the form
// of that stage for staff to use.
// POST /plans/{id}/family-views            ask (section)
// POST /plans/{id}/family-views/{rid}/close stop asking
#include "web/handlers.h"
#include "web/page.h"
#include "web/plan_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

using nlohmann::json;

std::string WhenWords(Timestamp t) { return DateWords(LondonDate(t)); }

}  // namespace

PlanFamilyViews FamilyViewsOfPlan(const WebContext& ctx, const http::Request& req,
                                  const PlanDetail& d, const PlanFormError* failed) {
  PlanFamilyViews out;
  out.panel = {{"show", false}};
  if (!d.type) return out;
  auto sections = FamilyService::ViewSections(*d.type);
  if (sections.empty()) return out;
  const Principal& by = *req.principal;
  auto requests = ctx.families.PlanViews(by, d);
  if (!requests.ok()) return out;

  json asks = json::array();
  for (const auto* s : sections) {
    bool open = false;
    for (const auto& r : *requests) open = open || (r.open && r.section_id == s->id);
    if (!open && FamilyService::MayAskForView(by, d, *s)) {
      asks.push_back({{"id", s->id}, {"title", s->title}});
    }
  }
  json list = json::array();
  for (const auto& r : *requests) {
    const policy::PlanSection* s = nullptr;
    for (const auto* c : sections) {
      if (c->id == r.section_id) s = c;
    }
    if (!s) continue;
    json answers = json::array();
    std::map<std::string, std::string> joined;  // field id -> every family's words
    for (const auto& a : r.answers) {
      json fields = json::parse(a.fields, nullptr, false);
      json items = json::array();
      for (const auto& f : s->fields) {
        if (f.view_of != "parent" || !fields.is_object() || !fields.contains(f.id)) continue;
        std::string words = fields[f.id].is_string() ? fields[f.id].get<std::string>() : "";
        items.push_back({{"label", f.label}, {"words", words}});
        std::string& all = joined[f.id];
        all += (all.empty() ? "" : "\n\n") + a.name + ": " + words;
      }
      answers.push_back({{"name", a.name}, {"when", WhenWords(a.at)}, {"items", items}});
    }
    // The newest open request's answers fill its stage's form, as the
    // parent's own words, for the adult writing it to keep or edit.
    if (r.open && s->stage != policy::PlanStage::kStart) {
      json& prefill = out.prefill[policy::StageName(s->stage)];
      if (!prefill.is_object()) prefill = json::object();
      for (const auto& [field, words] : joined) {
        prefill[field] = {{"text", words}, {"given_by", "parent"}};
      }
    }
    list.push_back({{"id", r.id},
                    {"section", s->title},
                    {"asked", WhenWords(r.asked_at)},
                    {"asked_by", r.asked_by},
                    {"open", r.open},
                    {"may_close", r.open && FamilyService::MayAskForView(by, d, *s)},
                    {"answers", answers},
                    {"has_answers", !answers.empty()},
                    {"start_stage", s->stage == policy::PlanStage::kStart}});
  }
  out.panel = {{"show", !asks.empty() || !list.empty()},
               {"plan_id", d.plan.id},
               {"asks", asks},
               {"may_ask", !asks.empty()},
               {"one_ask", asks.size() == 1},
               {"requests", list},
               {"has_requests", !list.empty()}};
  if (failed && failed->form == "family_view") out.panel["error"] = failed->error.message();
  return out;
}

namespace {

Result<PlanDetail> ReadPlan(const WebContext& ctx, http::Request& req, long long id) {
  auto d = ctx.plans.Get(*req.principal, id, req.ip);
  if (!d.ok()) return d.status();
  return std::move(*d);
}

http::Response Back(const WebContext& ctx, long long id, const std::string& message) {
  http::Response r = http::Response::Redirect("/plans/" + std::to_string(id) + "#family-views");
  SetFlash(r, message, ctx.secure_cookies);
  return r;
}

}  // namespace

http::Response PlanFamilyViewAsk(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  auto d = ReadPlan(ctx, req, *id);
  if (!d.ok()) return RenderError(ctx, req, d.status());
  Status st = ctx.families.AskForView(*req.principal, *d, form->Get("section"), req.ip);
  if (st.code() == StatusCode::kInvalid || st.code() == StatusCode::kConflict) {
    PlanFormError failed("family_view");
    failed.error = st;
    return RenderPlanPage(ctx, req, *id, &failed);
  }
  if (!st.ok()) return RenderError(ctx, req, st);
  return Back(ctx, *id, "The family has been asked for their view, by email and on their page.");
}

http::Response PlanFamilyViewClose(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req, 0);
  auto request = http::ParamId(req, 1);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  if (!request.ok()) return RenderError(ctx, req, request.status());
  auto d = ReadPlan(ctx, req, *id);
  if (!d.ok()) return RenderError(ctx, req, d.status());
  Status st = ctx.families.CloseView(*req.principal, *d, *request, req.ip);
  if (!st.ok()) return RenderError(ctx, req, st);
  return Back(ctx, *id, "Closed: the family can no longer answer it.");
}

}  // namespace attune::web
