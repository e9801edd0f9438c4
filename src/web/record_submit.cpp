// POST /record: a record of difficult or distressed behaviour. The policy
// decides the step and what happens next; a refusal re-renders the form with
// its reason beside the field and everything typed kept. Once saved, the
// member of staff goes to the record, told what the policy now asks.
// With check=1 (the button browsers without script show in place of the
// live preview) nothing is saved: the form comes back with what the policy
// would suggest for it.
#include "web/handlers.h"
#include "web/incident_words.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

// A flash cookie carries at most 300 bytes; cut at a word, whole characters.
std::string Shortened(const std::string& text, size_t max = 290) {
  if (text.size() <= max) return text;
  size_t cut = text.rfind(' ', max - 4);
  if (cut == std::string::npos) cut = max - 4;
  return text.substr(0, cut) + " …";
}

std::string NextSteps(const RecordOutcome& outcome, const Principal& by) {
  Timestamp now = Now();
  std::vector<std::pair<std::string, int>> mine, others;
  auto add = [](std::vector<std::pair<std::string, int>>& list, const std::string& text) {
    for (auto& [t, n] : list) {
      if (t == text) {
        ++n;
        return;
      }
    }
    list.emplace_back(text, 1);
  };
  for (const auto& a : outcome.actions) {
    std::string text = LowerFirst(a.label) + (a.due_at ? " by " + DueWords(*a.due_at, now) : "");
    add(a.assignee_staff_id == by.staff_id ? mine : others, text);
  }
  auto join = [](const std::vector<std::pair<std::string, int>>& list) {
    std::string out;
    for (const auto& [t, n] : list) {
      out += (out.empty() ? "" : "; ") + t + (n > 1 ? " (" + std::to_string(n) + ")" : "");
    }
    return out;
  };
  std::string text = "Recorded.";
  for (const auto& g : outcome.guards) {
    if (g.kind == "safeguarding") text += " The designated safeguarding lead is alerted.";
  }
  if (!mine.empty()) text += " Next: " + join(mine) + ".";
  if (!others.empty()) text += " Also asked of colleagues: " + join(others) + ".";
  if (mine.empty() && others.empty()) text += " Nothing more is needed now.";
  // Worth knowing, never a refusal (e.g. training out of date).
  for (const auto& pd : outcome.pupils) {
    if (pd.role != "involved" || pd.decision.warnings.empty()) continue;
    text += " Please note: " + pd.decision.warnings.front();
    break;
  }
  return Shortened(text);
}

}  // namespace

http::Response RecordSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  RecordForm record = ReadRecordForm(*form, RecordKind::kDifficult);
  if (form->Get("check") == "1") {
    auto view = RecordPageView(ctx, req, record, Status::Ok());
    if (!view.ok()) return RenderError(ctx, req, view.status());
    return RenderPage(ctx, req, "record_difficult", "Something difficult", *view);
  }
  return SaveOrShowAgain(ctx, req, record, ToRecordRequest(record), "record_difficult",
                         "Something difficult", [&](const RecordOutcome& outcome) {
                           http::Response r =
                               http::Response::Redirect("/incidents/" + std::to_string(outcome.id));
                           SetFlash(r, NextSteps(outcome, *req.principal), ctx.secure_cookies);
                           return r;
                         });
}

}  // namespace attune::web
