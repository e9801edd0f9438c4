// POST /pupils/{id}/profile: the personal profile, written with the pupil:
// communication preferences (the checklist plus their own), what helps,
// triggers and worries, strengths, and the pupil's own words; which parts
// are in the pupil's own words, and whether the pupil went through it
// today (decision 0028).
#include <algorithm>

#include "web/handlers.h"
#include "web/page.h"
#include "web/profile_page.h"
#include "web/site.h"

namespace attune::web {
namespace {

// The ticked checklist items (refused if not from the school's list: the
// form was altered), then the pupil's own preferences, one per line.
Result<std::vector<std::string>> Preferences(const http::FormData& form,
                                             const std::vector<std::string>& offered) {
  std::vector<std::string> out;
  for (const auto& ticked : form.GetAll("communication")) {
    if (std::find(offered.begin(), offered.end(), ticked) == offered.end()) {
      return Status::Invalid("Tick preferences from the list, or write your own below",
                             "communication");
    }
    out.push_back(ticked);
  }
  std::string others = form.Get("communication_other");
  for (size_t start = 0; start <= others.size();) {
    size_t end = others.find('\n', start);
    if (end == std::string::npos) end = others.size();
    out.push_back(others.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

http::Response ProfileUpdate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());

  PupilProfile profile;
  profile.pupil_id = *id;
  profile.what_helps = form->Get("what_helps");
  profile.triggers = form->Get("triggers");
  profile.strengths = form->Get("strengths");
  profile.pupil_voice = form->Get("pupil_voice");
  profile.own_words = form->GetAll("own_words");
  // Saved with the pupil today, or without them (the day before kept).
  if (form->Get("reviewed_with_pupil") == "yes") profile.reviewed_with_pupil_on = LondonDate(Now());
  Status st = Status::Ok();
  auto offered = ProfileChecklist(ctx, req.principal->school_id);
  if (!offered.ok()) return RenderError(ctx, req, offered.status());
  std::vector<std::string> texts;
  for (const auto& item : *offered) texts.push_back(item.text);
  auto preferences = Preferences(*form, texts);
  if (preferences.ok()) {
    profile.communication = std::move(*preferences);
    auto saved = ctx.pupils.SaveProfile(*req.principal, profile, req.ip);
    if (!saved.ok()) st = saved.status();
    // The pupil's own preferences are the ones that can be too long or
    // too many; say so beside the box they were written in.
    if (st.field() == "communication") {
      st = Status::Invalid(st.message(), "communication_other");
    }
  } else {
    st = preferences.status();
  }
  if (!st.ok()) {
    if (st.code() != StatusCode::kInvalid) return RenderError(ctx, req, st);
    ProfileFormError failed{st, *form};
    return RenderPupilPage(ctx, req, *id, &failed);
  }
  http::Response r = http::Response::Redirect("/pupils/" + std::to_string(*id));
  SetFlash(r, "The personal profile is saved.", ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
