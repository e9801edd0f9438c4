// GET /account/two-step: setting two-step sign-in up, or, once on, the
// recovery codes left and a new set (decision 0030). A session owing its
// set-up reaches this and nothing else.
#include "http/url.h"
#include "services/totp.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/second_step.h"
#include "web/sign_in_form.h"
#include "web/site.h"
#include "web/two_step_page.h"

namespace attune::web {
namespace {

// The issuer apps show above the member's email.
constexpr const char* kIssuer = "attune";

// "ABCD EFGH ...": the key in fours, as people copy it.
std::string InFours(const std::string& key) {
  std::string out;
  for (size_t i = 0; i < key.size(); i += 4) {
    if (!out.empty()) out += ' ';
    out += key.substr(i, 4);
  }
  return out;
}

// The otpauth:// address authenticator apps read (the "Key Uri Format"
// of Google Authenticator, which the others follow).
std::string OtpAuthUri(const SecondFactorKey& key) {
  std::string label = std::string(kIssuer) + ":" + key.account;
  return "otpauth://totp/" + http::PercentEncode(label) + "?secret=" + key.base32 +
         "&issuer=" + http::PercentEncode(kIssuer) +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

// The code field of either form, with `error` beside it.
nlohmann::json CodeField(const Status& error) {
  return {{"code_error", error.field() == "code" ? error.message() : ""}};
}

}  // namespace

http::Response RenderTwoStep(const WebContext& ctx, const http::Request& req,
                             const std::string& next, const Status& error) {
  const Principal& p = *req.principal;
  auto state = ctx.second_factor.StateOf(p);
  if (!state.ok()) return RenderError(ctx, req, state.status());
  // Set up already (perhaps in another window) while this session owes a
  // code: the code first.
  if (state->on && p.second_factor_due != SecondFactorDue::kNone) {
    Principal owing = p;
    owing.second_factor_due = SecondFactorDue::kCode;
    return http::Response::Redirect(SecondStepAddress(owing, SafeNext(ctx, next)));
  }
  nlohmann::json view = CodeField(error);
  view["next"] = next;
  view["role_label"] = RoleLabel(p.role);
  view["required"] = state->required;
  // Why it is asked of them, and who puts it right (decisions 0030, 0034).
  const bool org = p.organisation_id != 0;
  view["required_why"] = org ? "sees the figures of several schools"
                             : "can see safeguarding records or special category details, or "
                               "manage accounts";
  view["workplace"] = org ? "organisation" : "school";
  view["reset_who"] = org ? "the person who runs attune for your organisation"
                          : "the person who manages staff accounts at your school";
  view["signing_in"] = p.second_factor_due != SecondFactorDue::kNone;
  if (!error.ok() && error.field().empty()) view["error"] = error.message();
  if (state->on) {
    view["on"] = true;
    view["left"] = state->recovery_codes_left;
    view["left_words"] = std::to_string(state->recovery_codes_left) + " of " +
                         std::to_string(SecondFactorService::kRecoveryCodeCount) +
                         " recovery codes left";
    view["few_left"] = state->recovery_codes_left <= 3;
  } else {
    auto key = ctx.second_factor.KeyToSetUp(p);
    if (!key.ok()) return RenderError(ctx, req, key.status());
    std::string uri = OtpAuthUri(*key);
    view["qr"] = QrSvg(uri, 200, "QR code of your attune key, for your authenticator app");
    view["key_text"] = InFours(key->base32);
    view["otpauth"] = uri;
    view["account"] = key->account;
  }
  const char* title = state->on ? "Two-step sign-in" : "Set up two-step sign-in";
  return RenderPage(ctx, req, "two_step", title, view, error.ok() ? 200 : HttpStatusFor(error));
}

http::Response RenderRecoveryCodes(const WebContext& ctx, const http::Request& req,
                                   const std::vector<std::string>& codes, const std::string& next,
                                   bool just_set_up) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : codes) list.push_back(c);
  nlohmann::json view = {{"codes", list},
                         {"next", SafeNext(ctx, next)},
                         {"just_set_up", just_set_up},
                         {"count", codes.size()}};
  return RenderPage(ctx, req, "recovery_codes", "Your recovery codes", view);
}

http::Response TwoStepShow(const WebContext& ctx, http::Request& req) {
  return RenderTwoStep(ctx, req, req.query.Get("next"), Status::Ok());
}

}  // namespace attune::web
