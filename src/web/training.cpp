// GET /training and POST /training: the training staff hold that the
// school's policy relies on (its [[training]]: Team Teach, CPI), recorded
// per member of staff, current or out of date today. A physical
// intervention by staff without current training is recorded with a
// warning (services/incident_service.h).
#include "services/training_service.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderTraining(const WebContext& ctx, const http::Request& req,
                              const http::FormData* typed, const Status& error) {
  using nlohmann::json;
  const Principal& by = *req.principal;
  Date today = LondonDate(Now());
  auto loaded = ctx.policies.InForce(by.school_id, today);
  if (!loaded.ok() && loaded.status().code() != StatusCode::kNotFound) {
    return RenderError(ctx, req, loaded.status());
  }
  std::vector<policy::Training> kinds;
  if (loaded.ok()) kinds = loaded->policy->training;
  auto held = TrainingService(ctx.store, ctx.policies).List(by, 0);
  if (!held.ok()) return RenderError(ctx, req, held.status());
  json rows = json::array();
  for (const auto& t : *held) {
    const policy::Training* kind = nullptr;
    for (const auto& k : kinds) kind = k.id == t.training ? &k : kind;
    std::optional<Date> expires =
        kind ? policy::CurrentUntil(*kind, t.taken_on, t.expires_on) : t.expires_on;
    bool current = !expires || !(*expires < today);
    rows.push_back({{"staff", t.staff_name},
                    {"training", kind ? kind->name : t.training},
                    {"taken", DateWords(t.taken_on)},
                    {"expires", expires ? DateWords(*expires) : "Does not expire"},
                    {"current", current}});
  }
  json staff = json::array();
  if (auto list = ctx.store.ListStaff(by.school_id); list.ok()) {
    for (const auto& s : *list) {
      if (!s.active) continue;
      staff.push_back({{"value", s.id},
                       {"label", s.name},
                       {"selected", typed && typed->Get("staff_id") == std::to_string(s.id)}});
    }
  }
  json options = json::array();
  for (const auto& k : kinds) {
    std::string label = k.name;
    if (k.valid_for_months)
      label += " (current for " + std::to_string(*k.valid_for_months) + " months)";
    options.push_back(
        {{"value", k.id}, {"label", label}, {"selected", typed && typed->Get("training") == k.id}});
  }
  json view = {{"rows", rows},
               {"has_rows", !rows.empty()},
               {"staff", staff},
               {"kinds", options},
               {"has_kinds", !options.empty()},
               {"error", error.ok() ? "" : error.message()},
               {"taken_on", typed ? typed->Get("taken_on") : ""},
               {"expires_on", typed ? typed->Get("expires_on") : ""}};
  return RenderPage(ctx, req, "training", "Staff training", view, error.ok() ? 200 : 422);
}

}  // namespace

http::Response TrainingIndex(const WebContext& ctx, http::Request& req) {
  return RenderTraining(ctx, req, nullptr, Status::Ok());
}

http::Response TrainingCreate(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  TrainingRequest r;
  r.training = form->Get("training");
  Status st = Status::Ok();
  auto staff = http::IntValue(form->Get("staff_id"), 0, "staff_id");
  if (staff.ok())
    r.staff_id = *staff;
  else
    st = staff.status();
  for (auto [key, out] :
       {std::pair{"taken_on", &r.taken_on}, std::pair{"expires_on", &r.expires_on}}) {
    std::string text = form->Get(key);
    if (text.empty() || !st.ok()) continue;
    auto day = ParseDate(text, key);
    if (day.ok())
      *out = *day;
    else
      st = Status::Invalid("Give the date as a date, e.g. 2026-09-01", key);
  }
  Result<long long> saved =
      st.ok() ? TrainingService(ctx.store, ctx.policies).Record(*req.principal, r, req.ip)
              : Result<long long>(st);
  if (!saved.ok()) {
    if (saved.status().code() != StatusCode::kInvalid) return RenderError(ctx, req, saved.status());
    return RenderTraining(ctx, req, &*form, saved.status());
  }
  http::Response resp = http::Response::Redirect("/training");
  SetFlash(resp, "The training is recorded.", ctx.secure_cookies);
  return resp;
}

}  // namespace attune::web
