// Where the rupture–repair cycle of a record stands, for the record page:
// one line per pupil the record asks a repair of (repaired within time,
// later, not repaired with the reason, still to come), the senior leaders'
// records of why a repair will not happen, and for those who may make one,
// the form (a short fixed list of reasons and a note).
#include <map>

#include "services/authorization.h"
#include "web/incident_page.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {

using nlohmann::json;

Result<json> RepairSection(const WebContext& ctx, const Principal& by, const IncidentView& view,
                           const std::vector<RestorativeConversation>& conversations,
                           const IncidentFormError* failed, const std::string& ip) {
  const Incident& i = view.incident;
  Timestamp now = Now();
  std::string pupil_word = view.policy->Word("pupil", "pupil");
  auto no_repairs = ctx.restorative.NoRepairs(by, i.id, 0, ip);
  if (!no_repairs.ok()) return no_repairs.status();

  // The pupils the record asks a repair of, each with the earliest due time
  // of their restorative conversation and repair actions.
  std::map<long long, std::optional<Timestamp>> asked;
  for (const auto& a : view.actions) {
    if (!a.pupil_id || (a.kind != "restorative_conversation" && a.kind != "repair")) continue;
    auto& due = asked[a.pupil_id];
    if (a.due_at && (!due || *a.due_at < *due)) due = a.due_at;
  }

  const http::FormData* typed = failed && failed->form == "no_repair" ? &failed->typed : nullptr;
  json lines = json::array();
  json waiting = json::array();  // pupils whose repair is still to come
  for (const auto& p : i.pupils) {
    auto it = asked.find(p.pupil_id);
    if (it == asked.end()) continue;
    RepairOutcome outcome = RepairOutcomeOf(i.id, p.pupil_id, conversations, *no_repairs);
    RepairState state = RepairOf(true, it->second, outcome, now, pupil_word);
    std::string words = asked.size() > 1 ? p.name + ": " + state.words : state.words;
    lines.push_back({{"words", words},
                     {"good", state.state == "in_time"},
                     {"warn", state.state == "overdue" || state.state == "late" ||
                                  state.state == "not_repaired"}});
    if (state.state == "due" || state.state == "overdue") {
      std::string id = std::to_string(p.pupil_id);
      waiting.push_back(
          {{"value", id}, {"label", p.name}, {"selected", typed && typed->Get("pupil_id") == id}});
    }
  }

  json recorded = json::array();
  for (const auto& n : *no_repairs) {
    recorded.push_back({{"pupil", n.pupil_name},
                        {"reason", Capitalised(NoRepairReasonWords(n.reason, pupil_word))},
                        {"note", n.note},
                        {"by", n.recorded_by_name},
                        {"when", WhenWords(n.recorded_at, now)}});
  }

  bool may_close = RoleHas(by.role, Permission::kNoRepairRecord);
  json form;
  if (may_close && !waiting.empty()) {
    std::string chosen = typed ? typed->Get("reason") : "";
    json reasons = json::array();
    for (const auto& r : NoRepairReasons()) {
      reasons.push_back({{"value", r.id},
                         {"label", Capitalised(NoRepairReasonWords(r.id, pupil_word))},
                         {"checked", chosen == r.id}});
    }
    form = {{"pupils", waiting},
            {"one_pupil", waiting.size() == 1},
            {"only_pupil", waiting[0]["label"]},
            {"only_pupil_id", waiting[0]["value"]},
            {"reasons", reasons},
            {"note", typed ? typed->Get("note") : ""},
            {"error", typed ? failed->error.message() : ""},
            {"error_reason", typed && failed->error.field() == "reason"},
            {"error_note", typed && failed->error.field() == "note"},
            {"open", typed != nullptr}};
  }
  // A refusal whose form is no longer offered (the repair, or why not, was
  // recorded meanwhile) is still said.
  std::string refused = typed && form.is_null() ? failed->error.message() : "";
  return json{
      {"lines", lines},
      {"refused", refused},
      {"awaiting", !waiting.empty()},
      {"not_repaired", recorded},
      {"has_not_repaired", !recorded.empty()},
      {"form", form},
      {"hint", !may_close && !waiting.empty() && RoleHas(by.role, Permission::kRestorativeRecord)},
      {"pupil_word", pupil_word},
      {"pupil_label", Capitalised(pupil_word)}};
}

http::Response BackToRestorative(const WebContext& ctx, const http::Request& req,
                                 long long incident_id, std::string message) {
  auto incident = ctx.store.GetIncident(req.principal->school_id, incident_id);
  if (incident.ok() && incident->closed_at) message += " This record is now closed.";
  http::Response r =
      http::Response::Redirect("/incidents/" + std::to_string(incident_id) + "#restorative");
  SetFlash(r, message, ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
