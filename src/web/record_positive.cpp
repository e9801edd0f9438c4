// POST /record/positive: a prosocial note for one pupil, several or a whole
// class, with the recognition the policy offers (the tapped chip). Caps are
// the engine's; the flash says what was given, never a total or a ranking.
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

std::string PositiveFlash(const RecordOutcome& outcome, const std::string& reward_id) {
  std::string reward = "Recognition";
  std::string pupil = "pupil", pupils = "pupils";
  if (const policy::Policy* policy = outcome.policy.get()) {
    if (const auto* r = policy->FindReward(reward_id)) reward = r->name;
    pupil = policy->Word("pupil", pupil);
    pupils = policy->Word("pupils", pupils);
  }
  if (reward_id.empty()) reward = "A note";
  size_t n = outcome.pupils.size();
  std::string text = reward + " for " +
                     (n == 1 ? outcome.pupils.front().name : std::to_string(n) + " " + pupils) +
                     ".";
  std::string capped_names, reason;
  size_t capped = 0;
  for (const auto& d : outcome.pupils) {
    if (!d.decision.reward || !d.decision.reward->capped) continue;
    ++capped;
    if (capped <= 3) capped_names += (capped_names.empty() ? "" : ", ") + d.name;
    reason = d.decision.reward->reason;
  }
  if (capped > 0) {
    if (capped > 3) capped_names += " and " + std::to_string(capped - 3) + " more";
    text += " Capped for " + capped_names + ": " + reason + ".";
  }
  return text;
}

}  // namespace

http::Response RecordPositive(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  RecordForm record = ReadRecordForm(*form, RecordKind::kPositive);
  // A positive note is about now; nothing else on the form is read.
  record.date.clear();
  record.time.clear();
  Status refused = Status::Ok();
  if (record.reward.empty()) {
    refused = Status::Invalid("Tap how you will recognise it", "reward");
  }
  Result<RecordRequest> request = refused.ok() ? ToRecordRequest(record) : refused;
  return SaveOrShowAgain(ctx, req, record, request, "record_positive", "Something positive",
                         [&](const RecordOutcome& outcome) {
                           http::Response r = http::Response::Redirect("/record?kind=positive");
                           SetFlash(r, PositiveFlash(outcome, record.reward), ctx.secure_cookies);
                           return r;
                         });
}

}  // namespace attune::web
