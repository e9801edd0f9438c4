// POST /pupils/{id}/profile: the personal profile, written with the pupil:
// communication preferences (the checklist plus their own), what helps,
// triggers and worries, strengths, and the pupil's own words.
#include <algorithm>

#include "services/audit.h"
#include "services/text.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/profile_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

Status TooLong(const std::string& text, const std::string& field, const std::string& what) {
  if (text.size() <= kMaxProfileText) return Status::Ok();
  return Status::Invalid(
      what + " is too long: at most " + std::to_string(kMaxProfileText) + " characters", field);
}

// The ticked preferences, then any others written one per line.
Result<std::vector<std::string>> Preferences(const http::FormData& form) {
  std::vector<std::string> out;
  const auto& offered = CommunicationPreferences();
  for (const auto& ticked : form.GetAll("communication")) {
    if (std::find(offered.begin(), offered.end(), ticked) == offered.end()) {
      return Status::Invalid("Tick preferences from the list, or write your own below",
                             "communication");
    }
    if (std::find(out.begin(), out.end(), ticked) == out.end()) out.push_back(ticked);
  }
  std::string others = form.Get("communication_other");
  size_t start = 0;
  while (start <= others.size()) {
    size_t end = others.find('\n', start);
    if (end == std::string::npos) end = others.size();
    std::string line = Trim(std::string_view(others).substr(start, end - start));
    if (!line.empty() && std::find(out.begin(), out.end(), line) == out.end()) {
      if (line.size() > 200) {
        return Status::Invalid("Each preference of your own: at most 200 characters",
                               "communication_other");
      }
      out.push_back(line);
    }
    start = end + 1;
  }
  if (out.size() > 30) {
    return Status::Invalid("At most 30 communication preferences", "communication_other");
  }
  return out;
}

}  // namespace

http::Response ProfileUpdate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  const Principal& by = *req.principal;
  auto pupil = ctx.store.GetPupil(by.school_id, *id);
  if (!pupil.ok()) return RenderError(ctx, req, pupil.status());

  PupilProfile profile;
  profile.pupil_id = *id;
  profile.what_helps = Trim(form->Get("what_helps"));
  profile.triggers = Trim(form->Get("triggers"));
  profile.strengths = Trim(form->Get("strengths"));
  profile.pupil_voice = Trim(form->Get("pupil_voice"));
  Status st = TooLong(profile.what_helps, "what_helps", "What helps");
  if (st.ok()) st = TooLong(profile.triggers, "triggers", "Triggers and worries");
  if (st.ok()) st = TooLong(profile.strengths, "strengths", "Strengths");
  if (st.ok()) st = TooLong(profile.pupil_voice, "pupil_voice", "In my own words");
  if (st.ok()) {
    auto prefs = Preferences(*form);
    if (prefs.ok()) {
      profile.communication = std::move(*prefs);
    } else {
      st = prefs.status();
    }
  }
  if (st.ok()) st = ctx.store.SaveProfile(by.school_id, profile, by.staff_id);
  if (!st.ok()) {
    if (st.code() != StatusCode::kInvalid) return RenderError(ctx, req, st);
    ProfileFormError failed{st, *form};
    return RenderPupilPage(ctx, req, *id, &failed);
  }
  Audit(ctx.store, &by, "pupil.profile_saved", "pupil", *id, "", req.ip);
  http::Response r = http::Response::Redirect("/pupils/" + std::to_string(*id));
  SetFlash(r, "The personal profile is saved.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
