// GET /record/pupils?kind=&id= or &group=: adds a pupil, or a whole class,
// to the record being made. Returns their chips (and, for a difficult
// record, their personal profiles out of band); pupils already shown (the
// `shown` values) are ticked again rather than repeated. Tells the page the
// record changed, so the policy's preview refreshes.
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {

http::Response RecordPupils(const WebContext& ctx, http::Request& req) {
  RecordKind kind = ParseRecordKind(req.query.Get("kind"));
  long long school = req.principal->school_id;
  std::vector<Pupil> pupils;
  auto id = http::IntValue(req.query.Get("id"), 0, "id");
  auto group = http::IntValue(req.query.Get("group"), 0, "group");
  if (!id.ok() || !group.ok()) {
    return RenderError(ctx, req, Status::BadRequest("Choose a pupil or a class from the list"));
  }
  if (*id > 0) {
    auto pupil = ctx.store.GetPupil(school, *id);
    if (!pupil.ok()) return RenderError(ctx, req, pupil.status());
    pupils.push_back(std::move(*pupil));
  } else if (*group > 0) {
    auto members = ctx.store.GroupMembers(school, *group);
    if (!members.ok()) return RenderError(ctx, req, members.status());
    pupils = std::move(*members);
  }
  std::vector<long long> shown;
  for (const auto& text : req.query.GetAll("shown")) {
    auto value = http::IntValue(text, 0, "shown");
    if (value.ok() && *value > 0) shown.push_back(*value);
  }
  // One short announcement for screen readers, rather than every name.
  std::string status = pupils.size() == 1 ? pupils.front().DisplayName() + " chosen"
                                          : std::to_string(pupils.size()) + " chosen";
  std::string html = RenderChosen(ctx, kind, pupils, {}, shown, status);
  if (kind == RecordKind::kDifficult) {
    std::vector<Pupil> fresh;
    for (const auto& p : pupils) {
      if (std::find(shown.begin(), shown.end(), p.id) == shown.end()) fresh.push_back(p);
    }
    if (!fresh.empty()) {
      auto profiles = RenderProfiles(ctx, req, fresh);
      if (!profiles.ok()) return RenderError(ctx, req, profiles.status());
      html += "<div hx-swap-oob=\"afterbegin:#profiles\">" + *profiles + "</div>";
    }
  }
  http::Response r = http::Response::Html(html);
  r.SetHeader("HX-Trigger", "record-changed");
  return r;
}

}  // namespace attune::web
