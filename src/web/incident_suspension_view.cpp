// The suspension section of the record page: what the headteacher decided
// and whether parents and the local authority have been told, read-only for
// everyone; for those who decide, the decision form (DfE reason codes with
// their descriptions, first day, school days; or no suspension, with the
// reason) and a button for each notice still to send.
#include <algorithm>

#include "services/authorization.h"
#include "web/incident_page.h"
#include "web/incident_words.h"

namespace attune::web {
namespace {

using nlohmann::json;

// The decision form, refilled from `typed` after a refusal.
json DecisionForm(const WebContext& ctx, const Incident& i, const http::FormData* typed,
                  const Status* error) {
  std::vector<std::string> chosen =
      typed ? typed->GetAll("reason_codes") : std::vector<std::string>();
  json codes = json::array();
  for (const auto& rc : SuspensionReasonCodes()) {
    std::string code = rc.code;
    bool checked = std::find(chosen.begin(), chosen.end(), code) != chosen.end();
    codes.push_back({{"code", code}, {"description", rc.description}, {"checked", checked}});
  }
  // Only the form that was sent is refilled; the other keeps its defaults.
  bool not_sent = typed && typed->Get("decision") == "not_suspended";
  const http::FormData* suspend = not_sent ? nullptr : typed;
  Date day = LondonDate(i.occurred_at);
  std::string starts_on;
  if (suspend) {
    starts_on = suspend->Get("starts_on");
  } else if (auto time = ctx.clock.For(i.school_id); time.ok()) {
    if (auto next = (*time)->NextSchoolDay(day)) starts_on = FormatDate(*next);
  }
  json form = {{"codes", codes},
               {"starts_on", starts_on},
               {"min_date", FormatDate(day)},
               {"school_days", suspend ? suspend->Get("school_days") : ""},
               {"reason", not_sent ? typed->Get("reason") : ""},
               {"not_open", not_sent}};
  for (const char* f : {"decision", "reason_codes", "starts_on", "school_days", "reason"}) {
    form[std::string("error_") + f] = "";
  }
  if (error) {
    const std::string& f = error->field();
    bool known = f == "reason_codes" || f == "starts_on" || f == "school_days" || f == "reason";
    form["error_" + (known ? f : std::string("decision"))] = error->message();
  }
  return form;
}

json Notice(const char* which, const char* label, const char* button, const char* hint,
            const std::optional<Timestamp>& sent, bool can_decide, Timestamp now) {
  return {{"which", which},
          {"label", label},
          {"button", button},
          {"hint", hint},
          {"sent", sent.has_value()},
          {"sent_words", sent ? WhenWords(*sent, now) : ""},
          {"can_mark", can_decide && !sent}};
}

}  // namespace

Result<json> SuspensionSection(const WebContext& ctx, const Principal& by, const IncidentView& v,
                               const IncidentFormError* failed) {
  const Incident& i = v.incident;
  if (!i.suspension) return json();
  const Suspension& s = *i.suspension;
  Timestamp now = Now();
  bool can_decide = RoleHas(by.role, Permission::kSuspensionDecide);
  std::string word = v.policy->Word("suspension", "suspension");
  json out = {{"word", word},
              {"called_otherwise", word != "suspension"},
              {"undecided", !s.decided()},
              {"can_decide", can_decide && !s.decided()},
              {"suspended", s.suspended()},
              {"not_suspended", s.decided() && !s.suspended()},
              // Every key the partial reads is set here, so mustache never
              // finds a same-named one of the page (the restorative "form").
              {"error", ""},
              {"form", false},
              {"so_far", json::array()},
              {"decided_by", ""},
              {"decided_words", ""},
              {"reason", ""},
              {"codes", json::array()},
              {"starts_on", ""},
              {"days", ""},
              {"returns_on", ""},
              {"notices", json::array()},
              {"notices_done", false},
              {"notice_error", ""}};
  if (failed && failed->form == "suspension_notice") {
    // Beside the notices when they are shown; otherwise at the top.
    out[s.suspended() ? "notice_error" : "error"] = failed->error.message();
  }
  const IncidentFormError* decision_failed =
      failed && failed->form == "suspension" ? failed : nullptr;

  if (!s.decided()) {
    if (decision_failed && !can_decide) out["error"] = decision_failed->error.message();
    if (!can_decide) return out;
    out["form"] = DecisionForm(ctx, i, decision_failed ? &decision_failed->typed : nullptr,
                               decision_failed ? &decision_failed->error : nullptr);
    auto so_far = ctx.suspensions.DaysSoFar(i, LondonDate(now));
    if (!so_far.ok()) return so_far.status();
    json pupils = json::array();
    for (const auto& p : *so_far) {
      pupils.push_back(
          {{"name", p.name}, {"days", SchoolDaysWords(p.days)}, {"none", p.days == 0}});
    }
    out["so_far"] = pupils;
    return out;
  }

  // Decided: who decided, when, and what.
  if (decision_failed) out["error"] = decision_failed->error.message();
  if (auto staff = ctx.store.GetStaff(by.school_id, s.decided_by_staff_id); staff.ok()) {
    out["decided_by"] = staff->name;
  }
  out["decided_words"] = s.decided_at ? WhenWords(*s.decided_at, now) : "";
  if (!s.suspended()) {
    out["reason"] = s.not_suspended_reason;
    return out;
  }
  json codes = json::array();
  for (const auto& code : s.reason_codes) codes.push_back(SuspensionReasonWords(code));
  out["codes"] = codes;
  out["starts_on"] = s.starts_on ? DateWords(*s.starts_on) : "";
  out["days"] = SchoolDaysWords(s.school_days);
  if (s.starts_on) {
    auto back = ctx.suspensions.ReturnDay(i.school_id, *s.starts_on, s.school_days);
    if (!back.ok()) return back.status();
    out["returns_on"] = *back ? DateWords(**back) : "";
  }
  out["notices"] = json::array(
      {Notice(kParentNotice, "Parents and carers", "Parent or carer told",
              "Without delay: the reasons, the days, when the pupil comes back and how to "
              "make representations to the governors.",
              s.parent_notice_at, can_decide, now),
       Notice(kLocalAuthorityNotice, "The local authority", "Local authority told",
              "In writing: the local authority is told of every suspension.", s.la_notice_at,
              can_decide, now)});
  out["notices_done"] = s.parent_notice_at && s.la_notice_at;
  return out;
}

}  // namespace attune::web
