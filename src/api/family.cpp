// The API's answers to a parent or carer (decision 0026): the same routes
// as staff's, narrowed to their own children and to what families may see
// (services/family_service.h). Another pupil, or a record not shared with
// them, is 404, as if it did not exist.
#include "api/family.h"

#include "api/site.h"
#include "api/views.h"

namespace attune::api {
namespace {

nlohmann::json ChildJson(const FamilyChild& c) {
  return {{"id", c.pupil_id},
          {"first_name", c.first_name},
          {"last_name", c.last_name},
          {"year_group", c.year_group},
          {"form", c.form_name}};
}

nlohmann::json RecordJson(const FamilyRecord& r) {
  return {{"id", r.incident_id},
          {"pupil_id", r.pupil_id},
          {"class", r.behaviour_class},
          {"category", r.category},
          {"category_name", r.category_name},
          {"reward", r.reward},
          {"reward_name", r.reward_name},
          {"words", r.words},
          {"occurred_at", TimeJson(r.occurred_at)},
          {"recorded_by", r.recorded_by},
          {"reply", r.reply}};
}

}  // namespace

bool IsFamily(const http::Request& req) {
  return req.principal && req.principal->role == Role::kParent;
}

http::Response FamilyPupils(const ApiContext& ctx, http::Request& req) {
  auto children = ctx.families.Children(*req.principal);
  if (!children.ok()) return JsonError(children.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *children) items.push_back(ChildJson(c));
  return http::Response::Json(
      {{"pupils", items}, {"total", items.size()}, {"limit", items.size()}, {"offset", 0}});
}

http::Response FamilyPupil(const ApiContext& ctx, http::Request& req, long long pupil_id) {
  auto page = ctx.families.Child(*req.principal, pupil_id);
  if (!page.ok()) return JsonError(page.status());
  nlohmann::json j = ChildJson(page->child);
  nlohmann::json plans = nlohmann::json::array();
  for (const auto& p : page->plans) {
    nlohmann::json plan = {{"name", p.name},
                           {"target", p.target},
                           {"status", p.status},
                           {"started_on", FormatDate(p.started_on)}};
    if (p.next) {
      plan["next"] = {{"what", p.next->Words()}, {"on", FormatDate(p.next->on)}};
    }
    plan["targets"] = p.agreed_targets;
    nlohmann::json week = nlohmann::json::array();
    for (const auto& [day, t] : p.week_targets) {
      week.push_back({{"on", FormatDate(day)}, {"target", t}});
    }
    plan["this_week"] = week;
    plans.push_back(plan);
  }
  j["plans"] = plans;
  return http::Response::Json(j);
}

http::Response FamilyIncidents(const ApiContext& ctx, http::Request& req) {
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok()) return JsonError(pupil.status());
  if (*pupil == 0) {
    return JsonError(Status::Invalid("Ask for one of your children: ?pupil=ID", "pupil"));
  }
  auto before = http::IntValue(req.query.Get("before"), 0, "before");
  if (!before.ok()) return JsonError(before.status());
  auto page = ctx.families.Child(*req.principal, *pupil, *before);
  if (!page.ok()) return JsonError(page.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : page->records) items.push_back(RecordJson(r));
  nlohmann::json out = {{"incidents", items}, {"pupil", *pupil}};
  // The next page: records older than the last of these.
  if (page->records.size() >= FamilyService::kRecordsShown) {
    out["next_before"] = page->records.back().incident_id;
  }
  return http::Response::Json(out);
}

http::Response FamilyIncident(const ApiContext& ctx, http::Request& req, long long incident_id) {
  auto record = ctx.families.Record(*req.principal, incident_id);
  if (!record.ok()) return JsonError(record.status());
  return http::Response::Json(RecordJson(*record));
}

}  // namespace attune::api
