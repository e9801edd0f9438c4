// GET /pupils/{id}: a pupil's page — profile first, then key facts and, for
// the roles allowed them, special-category fields and contacts.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

const char* YesNo(bool b) { return b ? "Yes" : "No"; }

std::string PhoneLink(const std::string& phone) {
  std::string out;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '+') out += c;
  }
  return out;
}

}  // namespace

http::Response PupilShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto page = ctx.pupils.Page(*req.principal, *id, req.ip);
  if (!page.ok()) return RenderError(ctx, req, page.status());
  const Pupil& p = page->pupil;
  const PupilProfile& profile = page->profile;

  nlohmann::json contacts = nlohmann::json::array();
  for (const auto& c : page->contacts) {
    contacts.push_back({{"name", c.name},
                        {"relationship", c.relationship},
                        {"pr", c.parental_responsibility},
                        {"phone", c.phone},
                        {"phone_link", PhoneLink(c.phone)},
                        {"email", c.email}});
  }
  bool has_profile = !profile.communication.empty() || !profile.what_helps.empty() ||
                     !profile.triggers.empty() || !profile.strengths.empty() ||
                     !profile.pupil_voice.empty();
  nlohmann::json view = {
      {"name", p.DisplayName()},
      {"first_name", p.preferred_name.empty() ? p.first_name : p.preferred_name},
      {"year_group", p.year_group},
      {"form", p.form_name},
      {"upn", p.upn},
      {"key_adult", p.key_adult_name},
      {"sen_label", SenLabel(p.sen)},
      {"date_of_birth", date::format("%e %B %Y", p.date_of_birth)},
      {"age", AgeOn(p.date_of_birth, LondonDate(Now()))},
      {"show_sensitive", page->show_sensitive},
      {"ehcp", YesNo(p.ehcp)},
      {"fsm", YesNo(p.fsm)},
      {"looked_after", YesNo(p.looked_after)},
      {"ethnicity", p.ethnicity_code},
      {"show_contacts", page->show_contacts},
      {"contacts", contacts},
      {"has_contacts", !contacts.empty()},
      {"has_profile", has_profile},
      {"has_communication", !profile.communication.empty()},
      {"communication", profile.communication},
      {"what_helps", profile.what_helps},
      {"triggers", profile.triggers},
      {"strengths", profile.strengths},
      {"pupil_voice", profile.pupil_voice},
      {"updated", has_profile ? FormatLondon(profile.updated_at, "%e %B %Y") : ""},
      {"updated_by", profile.updated_by}};
  return RenderPage(ctx, req, "pupil", p.DisplayName(), view);
}

}  // namespace attune::web
