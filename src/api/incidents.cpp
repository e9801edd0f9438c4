// POST /api/v1/incidents (record; 201 with the policy's decision),
// GET /api/v1/incidents (filtered list, or found by words: q) and GET /api/v1/incidents/{id}.
#include "api/family.h"
#include "api/handlers.h"
#include "api/site.h"
#include "api/views.h"
#include "http/json_body.h"

namespace attune::api {
namespace {

Status ReadPhysical(const nlohmann::json& body, RecordRequest& r) {
  auto it = body.find("physical_intervention");
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (it->is_boolean()) {
    r.physical_intervention = it->get<bool>();
    return Status::Ok();
  }
  if (!it->is_object()) {
    return Status::Invalid("physical_intervention must be an object with the statutory record",
                           "physical_intervention");
  }
  r.physical_intervention = true;
  PhysicalIntervention& p = r.physical;
  for (auto [key, out] :
       {std::pair{"staff_involved", &p.staff_involved}, std::pair{"before", &p.before},
        std::pair{"de_escalation", &p.de_escalation}, std::pair{"hold", &p.hold},
        std::pair{"reason", &p.reason}, std::pair{"injuries", &p.injuries},
        std::pair{"support_after", &p.support_after}}) {
    auto v = http::StringMember(*it, key);
    if (!v.ok())
      return Status::Invalid(v.status().message(), std::string("physical_intervention.") + key);
    *out = *v;
  }
  auto minutes = http::IntMember(*it, "duration_minutes");
  if (!minutes.ok()) {
    return Status::Invalid("duration_minutes must be a whole number",
                           "physical_intervention.duration_minutes");
  }
  p.duration_minutes = static_cast<int>(std::clamp(*minutes, -1LL, 100000LL));
  auto harm = http::BoolMember(*it, "parent_notice_would_harm");
  if (!harm.ok())
    return Status::Invalid(harm.status().message(),
                           "physical_intervention.parent_notice_would_harm");
  p.parent_notice_would_harm = *harm;
  // Who held the pupil, by staff id, so their training can be checked.
  if (auto ids = it->find("staff_ids"); ids != it->end() && !ids->is_null()) {
    if (!ids->is_array()) {
      return Status::Invalid("staff_ids must be a list of staff ids",
                             "physical_intervention.staff_ids");
    }
    for (const auto& id : *ids) {
      if (!id.is_number_integer()) {
        return Status::Invalid("staff_ids must be a list of staff ids",
                               "physical_intervention.staff_ids");
      }
      p.staff_ids.push_back(id.get<long long>());
    }
  }
  return Status::Ok();
}

Result<RecordRequest> ReadRecord(const nlohmann::json& body) {
  RecordRequest r;
  auto pupils = body.find("pupils");
  if (pupils == body.end() || !pupils->is_array()) {
    return Status::Invalid("pupils must be a list of {\"id\", \"role\"}", "pupils");
  }
  for (const auto& p : *pupils) {
    auto id = http::IntMember(p, "id");  // refuses a number too large to be an id
    if (!p.is_object() || !p.contains("id") || !id.ok()) {
      return Status::Invalid("Each pupil must be {\"id\": number, \"role\": text}", "pupils");
    }
    RecordPupil rp;
    rp.id = *id;
    auto role = http::StringMember(p, "role");
    if (!role.ok()) return Status::Invalid("A pupil's role must be text", "pupils");
    if (!role->empty()) rp.role = *role;
    r.pupils.push_back(rp);
  }
  for (auto [key, out] :
       {std::pair{"category", &r.category}, std::pair{"step", &r.step},
        std::pair{"location", &r.place}, std::pair{"lesson", &r.lesson},
        std::pair{"antecedent", &r.antecedent}, std::pair{"notes", &r.behaviour},
        std::pair{"response", &r.response}, std::pair{"perceived_function", &r.perceived_function},
        std::pair{"reward", &r.reward}}) {
    auto v = http::StringMember(body, key);
    if (!v.ok()) return v.status();
    *out = *v;
  }
  auto others = http::StringListMember(body, "others_involved");
  if (!others.ok()) return others.status();
  r.others_involved = *others;
  auto consequences = http::StringListMember(body, "consequences");
  if (!consequences.ok()) return consequences.status();
  r.consequences = *consequences;
  auto at = http::InstantMember(body, "occurred_at");
  if (!at.ok()) return at.status();
  r.occurred_at = *at;
  auto day = http::DateMember(body, "consequence_date");
  if (!day.ok()) return day.status();
  r.consequence_date = *day;
  auto safeguarding = http::BoolMember(body, "safeguarding");
  if (!safeguarding.ok()) return safeguarding.status();
  r.safeguarding = *safeguarding;
  // A positive note's "Send home" (decision 0026): true, false, or absent
  // for what the policy says of its recognition.
  if (auto home = body.find("send_home"); home != body.end() && !home->is_null()) {
    if (!home->is_boolean()) return Status::Invalid("send_home must be true or false", "send_home");
    r.send_home = home->get<bool>() ? SendHome::kYes : SendHome::kNo;
  }
  ATTUNE_RETURN_IF_ERROR(ReadPhysical(body, r));
  return r;
}

}  // namespace

http::Response CreateIncident(const ApiContext& ctx, http::Request& req) {
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  auto request = ReadRecord(*body);
  if (!request.ok()) return JsonError(request.status());
  auto outcome = ctx.incidents.Record(*req.principal, *request, req.ip);
  if (!outcome.ok()) return JsonError(outcome.status());
  Timestamp now = Now();
  http::JsonWriter w;
  w.Object();
  w.Int("id", outcome->id);
  w.StringOrNull("step", outcome->step);
  w.String("step_name", outcome->step_name);
  w.Int("policy_version", outcome->policy_version);
  w.Array("actions");
  for (const auto& a : outcome->actions) WriteAction(w, a, now);
  w.End().Array("guards");
  for (const auto& g : outcome->guards) {
    w.Object().String("kind", g.kind).String("message", g.message).End();
  }
  w.End().Array("escalations");
  for (const auto& e : outcome->escalations) WriteEscalation(w, e);
  // Worth knowing, never a reason to refuse (training out of date).
  w.End().Array("warnings");
  for (const auto& p : outcome->pupils) {
    if (p.role != "involved") continue;
    for (const auto& text : p.decision.warnings) w.String(text);
    break;
  }
  w.End().Array("pupils");
  for (const auto& p : outcome->pupils) {
    w.Object().Int("id", p.pupil_id).String("role", p.role);
    w.StringOrNull("step", p.decision.step);
    if (const auto& r = p.decision.reward) {
      w.Object("reward");
      w.String("reward", r->reward);
      w.Int("requested", r->requested);
      w.Int("awarded", r->awarded);
      w.Bool("capped", r->capped);
      w.Bool("left_out", r->left_out);
      w.String("reason", r->reason);
      w.End();
    }
    w.End();
  }
  w.End().End();
  http::Response res = http::Response::Json(w);
  res.status = 201;
  res.headers.emplace_back("Location", "/api/v1/incidents/" + std::to_string(outcome->id));
  return res;
}

http::Response ListIncidents(const ApiContext& ctx, http::Request& req) {
  if (IsFamily(req)) return FamilyIncidents(ctx, req);
  IncidentQuery q;
  auto limit = http::IntValue(req.query.Get("limit"), 50, "limit");
  if (!limit.ok()) return JsonError(limit.status());
  auto offset = http::IntValue(req.query.Get("offset"), 0, "offset");
  if (!offset.ok()) return JsonError(offset.status());
  auto pupil = http::IntValue(req.query.Get("pupil"), 0, "pupil");
  if (!pupil.ok()) return JsonError(pupil.status());
  q.limit = *limit;
  q.offset = *offset;
  q.pupil_id = *pupil;
  q.category = req.query.Get("category");
  q.behaviour_class = req.query.Get("class");
  q.words = req.query.Get("q");  // words in the notes (services/record_search.h)
  for (auto [key, out] : {std::pair{"from", &q.from}, std::pair{"to", &q.to}}) {
    std::string text = req.query.Get(key);
    if (text.empty()) continue;
    auto day = ParseDate(text, key);
    if (!day.ok()) return JsonError(Status::Invalid(std::string(key) + " must be YYYY-MM-DD", key));
    *out = LondonInstant(*day, 0);
  }
  auto incidents = ctx.incidents.List(*req.principal, q, req.ip);
  if (!incidents.ok()) return JsonError(incidents.status());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : *incidents) items.push_back(IncidentJson(i));
  nlohmann::json out = {{"incidents", items}, {"limit", q.limit}, {"offset", q.offset}};
  if (!q.words.empty()) out["q"] = q.words;
  return http::Response::Json(out);
}

http::Response GetIncident(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  if (IsFamily(req)) return FamilyIncident(ctx, req, *id);
  auto view = ctx.incidents.Get(*req.principal, *id, req.ip);
  if (!view.ok()) return JsonError(view.status());
  http::JsonWriter w;
  w.Object().Members(IncidentJson(view->incident));
  w.String("category_name", view->category_name);
  Timestamp now = Now();
  w.Array("actions");
  for (const auto& a : view->actions) WriteAction(w, a, now);
  w.End().Array("escalations");
  for (const auto& e : view->escalations) WriteEscalation(w, e);
  w.End().Bool("repaired_in_time", view->repaired_in_time).End();
  return http::Response::Json(w);
}

}  // namespace attune::api
