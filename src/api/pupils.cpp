// GET /api/v1/pupils (q, limit, offset), GET /api/v1/pupils/{id} and
// PUT /api/v1/pupils/{id}/profile.
#include "api/family.h"
#include "api/handlers.h"
#include "api/site.h"
#include "http/json_body.h"
#include "services/authorization.h"

namespace attune::api {
namespace {

nlohmann::json PupilJson(const Pupil& p, bool sensitive) {
  nlohmann::json j = {{"id", p.id},
                      {"upn", p.upn},
                      {"first_name", p.first_name},
                      {"last_name", p.last_name},
                      {"preferred_name", p.preferred_name},
                      {"date_of_birth", FormatDate(p.date_of_birth)},
                      {"year_group", p.year_group},
                      {"form", p.form_name},
                      {"sex", p.sex},
                      {"sen_status", SenCode(p.sen)},
                      {"key_adult", p.key_adult_name}};
  if (sensitive) {
    j["ethnicity_code"] = p.ethnicity_code;
    j["ehcp"] = p.ehcp;
    j["fsm"] = p.fsm;
    j["looked_after"] = p.looked_after;
  }
  return j;
}

nlohmann::json ProfileJson(const PupilProfile& pr) {
  return {{"communication", pr.communication},
          {"what_helps", pr.what_helps},
          {"triggers", pr.triggers},
          {"strengths", pr.strengths},
          {"pupil_voice", pr.pupil_voice},
          {"own_words", pr.own_words},
          {"reviewed_with_pupil_on", pr.reviewed_with_pupil_on
                                         ? nlohmann::json(FormatDate(*pr.reviewed_with_pupil_on))
                                         : nlohmann::json()}};
}

}  // namespace

http::Response ListPupils(const ApiContext& ctx, http::Request& req) {
  if (IsFamily(req)) return FamilyPupils(ctx, req);
  PupilSearch search;
  search.query = req.query.Get("q");
  auto limit = http::IntValue(req.query.Get("limit"), 100, "limit");
  if (!limit.ok()) return JsonError(limit.status());
  auto offset = http::IntValue(req.query.Get("offset"), 0, "offset");
  if (!offset.ok()) return JsonError(offset.status());
  search.limit = *limit;
  search.offset = *offset;
  search.with_sensitive = true;  // for the roles allowed them: an audited read
  auto pupils = ctx.pupils.Search(*req.principal, search, req.ip);
  if (!pupils.ok()) return JsonError(pupils.status());
  auto total = ctx.pupils.Count(*req.principal);
  if (!total.ok()) return JsonError(total.status());
  bool sensitive = RoleHas(req.principal->role, Permission::kPupilsViewSensitive);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : *pupils) items.push_back(PupilJson(p, sensitive));
  return http::Response::Json(
      {{"pupils", items}, {"total", *total}, {"limit", search.limit}, {"offset", search.offset}});
}

http::Response GetPupil(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  if (IsFamily(req)) return FamilyPupil(ctx, req, *id);
  auto page = ctx.pupils.Page(*req.principal, *id, req.ip);
  if (!page.ok()) return JsonError(page.status());
  nlohmann::json j = PupilJson(page->pupil, page->show_sensitive);
  j["profile"] = ProfileJson(page->profile);
  if (page->show_contacts) {
    nlohmann::json contacts = nlohmann::json::array();
    for (const auto& c : page->contacts) {
      contacts.push_back({{"name", c.name},
                          {"relationship", c.relationship},
                          {"phone", c.phone},
                          {"email", c.email},
                          {"parental_responsibility", c.parental_responsibility},
                          {"priority", c.priority}});
    }
    j["contacts"] = contacts;
  }
  return http::Response::Json(j);
}

// The whole profile is replaced: a field left out is emptied (but the day
// the pupil last went through it is kept unless reviewed_with_pupil).
http::Response PutPupilProfile(const ApiContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return JsonError(id.status());
  auto body = http::JsonObjectBody(req);
  if (!body.ok()) return JsonError(body.status());
  PupilProfile profile;
  profile.pupil_id = *id;
  for (auto [key, out] :
       {std::pair{"what_helps", &profile.what_helps}, std::pair{"triggers", &profile.triggers},
        std::pair{"strengths", &profile.strengths},
        std::pair{"pupil_voice", &profile.pupil_voice}}) {
    auto v = http::StringMember(*body, key);
    if (!v.ok()) return JsonError(v.status());
    *out = *v;
  }
  auto communication = http::StringListMember(*body, "communication");
  if (!communication.ok()) return JsonError(communication.status());
  profile.communication = *communication;
  auto own_words = http::StringListMember(*body, "own_words");
  if (!own_words.ok()) return JsonError(own_words.status());
  profile.own_words = *own_words;
  // Gone through with the pupil today; left out or false, the day before is kept.
  auto with_pupil = http::BoolMember(*body, "reviewed_with_pupil");
  if (!with_pupil.ok()) return JsonError(with_pupil.status());
  if (*with_pupil) profile.reviewed_with_pupil_on = LondonDate(Now());
  auto saved = ctx.pupils.SaveProfile(*req.principal, profile, req.ip);
  if (!saved.ok()) return JsonError(saved.status());
  return http::Response::Json({{"pupil_id", *id}, {"profile", ProfileJson(*saved)}});
}

}  // namespace attune::api
