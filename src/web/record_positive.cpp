// POST /record/positive: a prosocial note for one pupil, several or a whole
// class, with the recognition the policy offers (the tapped chip). Caps are
// the engine's; the flash says what was given, never a total or a ranking.
#include <algorithm>

#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  size_t shown = std::min<size_t>(names.size(), 3);
  for (size_t k = 0; k < shown; ++k) out += (k == 0 ? "" : ", ") + names[k];
  if (names.size() > shown) out += " and " + std::to_string(names.size() - shown) + " more";
  return out;
}

// What was saved: the note for everyone, the recognition for those it was
// given to, and why it was capped or left out for the others.
std::string PositiveFlash(const RecordOutcome& outcome, const std::string& reward_id) {
  std::string reward = "Recognition";
  std::string pupils = "pupils";
  if (const policy::Policy* policy = outcome.policy.get()) {
    if (const auto* r = policy->FindReward(reward_id)) reward = r->name;
    pupils = policy->Word("pupils", pupils);
  }
  if (reward_id.empty()) reward = "A note";
  size_t n = outcome.pupils.size();
  std::string everyone = n == 1 ? outcome.pupils.front().name : std::to_string(n) + " " + pupils;
  std::vector<std::string> capped, left_out;
  std::string capped_reason, left_out_reason;
  for (const auto& d : outcome.pupils) {
    if (!d.decision.reward || !d.decision.reward->capped) continue;
    (d.decision.reward->left_out ? left_out : capped).push_back(d.name);
    (d.decision.reward->left_out ? left_out_reason : capped_reason) = d.decision.reward->reason;
  }
  std::string text;
  if (left_out.empty()) {
    text = reward + " for " + everyone + ".";
  } else {
    text = "The note for " + everyone + " is saved.";
    if (left_out.size() < n) text += " " + reward + " given to the others.";
    text += " Not given to " + Names(left_out) + ": " + left_out_reason + ".";
  }
  if (!capped.empty()) text += " Capped for " + Names(capped) + ": " + capped_reason + ".";
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
