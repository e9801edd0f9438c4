// POST /record/positive: a prosocial note for one pupil, several or a whole
// class, with the recognition the policy offers (the tapped chip). Caps are
// the engine's; the flash says what was given, never a total or a ranking,
// and offers to undo it for a moment. More than a handful of pupils at once
// are asked about first (one tap must not recognise a whole class by
// mistake). `back` (a path on this site) is where to return: the class's
// tiles, or the recording page by default.
#include <algorithm>

#include "web/handlers.h"
#include "web/incident_words.h"
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

// More pupils than this in one tap are confirmed first.
constexpr size_t kHandful = 5;

// "Give Star points to 28 pupils?": the same form again, every field kept
// as hidden inputs, with confirmed=1.
http::Response ConfirmMany(const WebContext& ctx, const http::Request& req,
                           const http::FormData& form, const RecordOutcome* preview,
                           size_t pupils) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& [name, value] : form.pairs()) {
    if (name == "csrf_token" || name == "confirmed") continue;
    fields.push_back({{"name", name}, {"value", value}});
  }
  std::string reward = "A note";
  std::string category;
  std::string pupils_word = "pupils";
  if (preview && preview->policy) {
    if (const auto* r = preview->policy->FindReward(form.Get("reward"))) reward = r->name;
    if (const auto* c = preview->policy->FindCategory(form.Get("category"))) category = c->name;
    pupils_word = preview->policy->Word("pupils", pupils_word);
  }
  std::string back = SafeBack(form.Get("back"), "/record?kind=positive");
  nlohmann::json view = {
      {"fields", fields},
      {"question", reward + " for " + std::to_string(pupils) + " " + pupils_word + "?"},
      {"category", category},
      {"back", back}};
  return RenderPage(ctx, req, "record_confirm", "Check before saving", view);
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
  if (request.ok() && record.pupil_ids.size() > kHandful && form->Get("confirmed") != "1") {
    // Asked before saving; the policy's words for the question come from a
    // preview, which saves nothing.
    auto preview = ctx.incidents.Preview(*req.principal, *request);
    return ConfirmMany(ctx, req, *form, preview.ok() ? &*preview : nullptr,
                       record.pupil_ids.size());
  }
  std::string back = SafeBack(form->Get("back"), "/record?kind=positive");
  return SaveOrShowAgain(ctx, req, record, request, "record_positive", "Something positive",
                         [&](const RecordOutcome& outcome) {
                           http::Response r = http::Response::Redirect(back);
                           SetFlash(r, PositiveFlash(outcome, record.reward), ctx.secure_cookies);
                           SetUndo(r, outcome.id, ctx.secure_cookies);
                           return r;
                         });
}

}  // namespace attune::web
