// Pupils' plans: GET /api/v1/plans (the school's, filtered like the plans
// page), GET /api/v1/pupils/{id}/plans, POST /api/v1/plans, GET
// /api/v1/plans/{id}, POST /api/v1/plans/{id}/entries, /reviews,
// /signatures and /end. The same service as the pages: its rules, its
// permissions, its 404 for a plan kept from the caller.
#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {
namespace {

using nlohmann::json;

json DateJson(const std::optional<Date>& d) { return d ? json(FormatDate(*d)) : json(nullptr); }

json Parsed(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

json PlanJson(const PupilPlan& p) {
  return {{"id", p.id},
          {"pupil_id", p.pupil_id},
          {"pupil", p.pupil_name},
          {"type", p.plan},
          {"name", p.name},
          {"status", p.status},
          {"outcome", p.outcome.empty() ? json(nullptr) : json(p.outcome)},
          {"starts_on", FormatDate(p.started_on)},
          {"ends_on", DateJson(p.ends_on)},
          {"review_on", DateJson(p.review_on)},
          {"check_in_on", DateJson(p.check_in_on)},
          {"check_in_every_school_days", p.check_in_every ? json(p.check_in_every) : json(nullptr)},
          {"target", p.target},
          {"started_by", p.started_by_name},
          {"fields", Parsed(p.fields)},
          {"end_fields", Parsed(p.end_fields)}};
}

// Refuses members of `body` not in `allowed`, naming the first.
Status OnlyMembers(const json& body, std::initializer_list<const char*> allowed) {
  for (const auto& [key, _] : body.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      return Status::Invalid("Unknown member '" + key + "'; this takes " + list, key);
    }
  }
  return Status::Ok();
}

// The "fields" member: an object, {} when absent.
Result<json> FieldsMember(const json& body) {
  if (!body.contains("fields") || body["fields"].is_null()) return json::object();
  if (!body["fields"].is_object()) {
    return Status::Invalid("fields should be an object of the form's field ids and values",
                           "fields");
  }
  return body["fields"];
}

// `on` (required) and `fields` of an entry or review body.
struct DatedFields {
  Date on;
  json fields;
};
Result<DatedFields> ReadDatedFields(const json& body) {
  ATTUNE_RETURN_IF_ERROR(OnlyMembers(body, {"on", "fields"}));
  auto on = http::DateMember(body, "on");
  if (!on.ok()) return on.status();
  if (!*on) return Status::Invalid("on is required: the day, as YYYY-MM-DD", "on");
  auto fields = FieldsMember(body);
  if (!fields.ok()) return fields.status();
  return DatedFields{**on, *fields};
}

http::Response Detail(const ApiContext& ctx, http::Request& req, long long id, int status) {
  auto d = ctx.plans.Get(*req.principal, id, req.ip);
  if (!d.ok()) return JsonError(d.status());
  json plan = PlanJson(d->plan);
  if (d->type) plan["title"] = d->type->title;
  json entries = json::array(), reviews = json::array(), signatures = json::array();
  for (const auto& e : d->entries) {
    json item = {{"id", e.id}, {"on", FormatDate(e.on)}, {"by", e.by_name}};
    if (e.kind == "signature") {
      json f = Parsed(e.fields);
      item["who"] = f.value("who", "");
      item["name"] = f.value("name", "");
      signatures.push_back(item);
      continue;
    }
    item["fields"] = Parsed(e.fields);
    (e.kind == "review" ? reviews : entries).push_back(item);
  }
  plan["entries"] = entries;
  plan["reviews"] = reviews;
  plan["signatures"] = signatures;
  json records = json::array();
  for (const auto& r : d->records) records.push_back(r.id);
  plan["records"] = records;
  return http::Response::Json(plan, status);
}

}  // namespace

http::Response ListPlans(const ApiContext& ctx, http::Request& req) {
  PlanFilter f;
  std::string status = req.query.Get("status");
  if (!status.empty() && status != "active" && status != "ended" && status != "all") {
    return JsonError(Status::Invalid("status is active, ended or all", "status"));
  }
  f.status = status == "all" ? "" : status.empty() ? "active" : status;
  f.type = req.query.Get("type");
  f.due = req.query.Get("due");
  if (!f.due.empty() && f.due != "week" && f.due != "overdue" && f.due != "past_end") {
    return JsonError(Status::Invalid("due is week, overdue or past_end", "due"));
  }
  auto year = http::IntValue(req.query.Get("year"), 0, "year");
  if (!year.ok()) return JsonError(year.status());
  f.year_group = static_cast<int>(*year);
  auto list = ctx.plans.List(*req.principal, f);
  if (!list.ok()) return JsonError(list.status());
  json items = json::array();
  for (const auto& p : *list) items.push_back(PlanJson(p));
  return http::Response::Json({{"plans", items}});
}

http::Response ListPupilPlans(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto pupil = ctx.store.GetPupil(req.principal->school_id, *id);
  if (!pupil.ok()) return JsonError(Status::NotFound("No such pupil"));
  auto list = ctx.plans.ForPupil(*req.principal, *id);
  if (!list.ok()) return JsonError(list.status());
  json items = json::array();
  for (const auto& p : *list) items.push_back(PlanJson(p));
  return http::Response::Json({{"plans", items}});
}

http::Response GetPlan(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  return Detail(ctx, req, *id, 200);
}

http::Response CreatePlan(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  Status known = OnlyMembers(
      *body, {"pupil_id", "type", "starts_on", "ends_on", "fields", "check_in_every_school_days"});
  if (!known.ok()) return JsonError(known);
  NewPlan n;
  auto pupil = http::IntMember(*body, "pupil_id");
  if (!pupil.ok()) return JsonError(pupil.status());
  if (!*pupil) return JsonError(Status::Invalid("pupil_id is required", "pupil_id"));
  n.pupil_id = *pupil;
  auto type = http::StringMember(*body, "type");
  if (!type.ok()) return JsonError(type.status());
  if (type->empty()) {
    return JsonError(Status::Invalid("type is required: the plan's id in the policy", "type"));
  }
  n.type = *type;
  auto starts = http::DateMember(*body, "starts_on");
  if (!starts.ok()) return JsonError(starts.status());
  if (!*starts) return JsonError(Status::Invalid("starts_on is required", "starts_on"));
  n.starts_on = **starts;
  auto ends = http::DateMember(*body, "ends_on");
  if (!ends.ok()) return JsonError(ends.status());
  n.ends_on = *ends;
  auto every = http::IntMember(*body, "check_in_every_school_days");
  if (!every.ok()) return JsonError(every.status());
  if (*every < 0 || *every > 60) {
    return JsonError(
        Status::Invalid("Check-ins are every 1 to 60 school days", "check_in_every_school_days"));
  }
  n.check_in_every = static_cast<int>(*every);
  auto fields = FieldsMember(*body);
  if (!fields.ok()) return JsonError(fields.status());
  n.fields = *fields;
  auto id = ctx.plans.Start(*req.principal, n, req.ip);
  if (!id.ok()) return JsonError(id.status());
  return Detail(ctx, req, *id, 201);
}

namespace {

// POST an entry or a review: `add` is the service's AddEntry or AddReview.
using AddDated = Result<long long> (PlanService::*)(const Principal&, long long, Date,
                                                    const nlohmann::json&, const std::string&);
http::Response CreateDated(const ApiContext& ctx, http::Request& req, AddDated add) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto in = ReadDatedFields(*body);
  if (!in.ok()) return JsonError(in.status());
  auto made = (ctx.plans.*add)(*req.principal, *id, in->on, in->fields, req.ip);
  if (!made.ok()) return JsonError(made.status());
  return Detail(ctx, req, *id, 201);
}

}  // namespace

http::Response CreatePlanEntry(const ApiContext& ctx, http::Request& req) {
  return CreateDated(ctx, req, &PlanService::AddEntry);
}

http::Response CreatePlanReview(const ApiContext& ctx, http::Request& req) {
  return CreateDated(ctx, req, &PlanService::AddReview);
}

http::Response CreatePlanSignature(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  Status known = OnlyMembers(*body, {"who", "name", "on"});
  if (!known.ok()) return JsonError(known);
  auto who = http::StringMember(*body, "who");
  if (!who.ok()) return JsonError(who.status());
  auto name = http::StringMember(*body, "name");
  if (!name.ok()) return JsonError(name.status());
  auto on = http::DateMember(*body, "on");
  if (!on.ok()) return JsonError(on.status());
  if (!*on) return JsonError(Status::Invalid("on is required: the day it was signed", "on"));
  auto made = ctx.plans.Sign(*req.principal, *id, *who, *name, **on, req.ip);
  if (!made.ok()) return JsonError(made.status());
  return Detail(ctx, req, *id, 201);
}

http::Response EndPlan(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  Status known = OnlyMembers(*body, {"on", "outcome", "fields"});
  if (!known.ok()) return JsonError(known);
  auto on = http::DateMember(*body, "on");
  if (!on.ok()) return JsonError(on.status());
  if (!*on) return JsonError(Status::Invalid("on is required: the plan's last day", "on"));
  auto outcome = http::StringMember(*body, "outcome");
  if (!outcome.ok()) return JsonError(outcome.status());
  auto fields = FieldsMember(*body);
  if (!fields.ok()) return JsonError(fields.status());
  Status st = ctx.plans.End(*req.principal, *id, *outcome, **on, *fields, req.ip);
  if (!st.ok()) return JsonError(st);
  return Detail(ctx, req, *id, 200);
}

}  // namespace attune::api
