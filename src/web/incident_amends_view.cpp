// The record page's amends section (templates/partials/incident_amends):
// the amends each pupil proposed, in their own words, and the form to write
// them down, shown when the policy asks for amends on this record or some
// are recorded.
#include "web/incident_page.h"
#include "web/incident_words.h"
#include "web/page.h"

namespace attune::web {

Result<nlohmann::json> AmendsSection(const WebContext& ctx, const Principal& by,
                                     const IncidentView& view, const IncidentFormError* failed) {
  using nlohmann::json;
  const Incident& i = view.incident;
  bool asked = false, open = false;
  for (const auto& a : view.actions) {
    if (a.kind != "amends") continue;
    asked = true;
    open = open || a.status == "open";
  }
  // The page's read of the record was checked and audited by IncidentService.
  auto recorded = ctx.store.ListAmends(by.school_id, i.id);
  if (!recorded.ok()) return recorded.status();
  if (!asked && recorded->empty()) return json(nullptr);
  const policy::Policy& pol = *view.policy;
  Timestamp now = Now();
  json items = json::array();
  for (const auto& a : *recorded) {
    items.push_back({{"pupil", a.pupil_name},
                     {"words", a.words},
                     {"agreed_with", a.agreed_with},
                     {"recorded_by", a.recorded_by_name},
                     {"when", WhenWords(a.recorded_at, now)}});
  }
  const http::FormData* typed = failed && failed->form == "amends" ? &failed->typed : nullptr;
  json pupils = json::array();
  for (const auto& p : i.pupils) {
    if (p.role != "involved") continue;
    pupils.push_back({{"value", p.pupil_id},
                      {"label", p.name},
                      {"selected", typed && typed->Get("pupil_id") == std::to_string(p.pupil_id)}});
  }
  std::string pupil = pol.Word("pupil", "pupil");
  return json{{"id", i.id},
              {"pupil_word", pupil},
              {"Pupil_word", Capitalised(pupil)},
              {"items", items},
              {"has_items", !items.empty()},
              {"pupils", pupils},
              {"can_record", RoleHas(by.role, Permission::kRestorativeRecord)},
              {"open", open || typed != nullptr},
              {"error", typed ? failed->error.message() : ""},
              {"words", typed ? typed->Get("words") : ""},
              {"agreed_with", typed ? typed->Get("agreed_with") : ""}};
}

}  // namespace attune::web
