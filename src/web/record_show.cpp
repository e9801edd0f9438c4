// GET /record: the two choices, "Something positive" and "Something
// difficult"; with ?kind= the form for one of them, prefilled with now and
// the lesson in progress. ?pupil= (repeatable) chooses pupils, ?group= a
// whole class (positive) or lists it to choose from (difficult) and ?q=
// searches, for browsers without script.
#include "web/handlers.h"
#include "web/page.h"
#include "web/record_form.h"
#include "web/site.h"

namespace attune::web {
namespace {

constexpr const char* kPositiveTitle = "Something positive";
constexpr const char* kDifficultTitle = "Something difficult";

}  // namespace

http::Response RecordShow(const WebContext& ctx, http::Request& req) {
  std::string kind_text = req.query.Get("kind");
  if (kind_text != "positive" && kind_text != "difficult") {
    return RenderPage(ctx, req, "record", "Record", nlohmann::json::object());
  }
  RecordKind kind = ParseRecordKind(kind_text);
  auto today = ctx.days.Today(*req.principal, Now());
  const MyDay* day = today.ok() ? &*today : nullptr;
  RecordForm form = FreshRecordForm(kind, day);
  for (const auto& id : req.query.GetAll("pupil")) {
    if (form.pupil_ids.size() >= kMaxPupils) break;
    if (std::find(form.pupil_ids.begin(), form.pupil_ids.end(), id) != form.pupil_ids.end()) {
      continue;
    }
    form.pupil_ids.push_back(id);
    form.roles.push_back("involved");
  }
  if (kind == RecordKind::kPositive && !req.query.Get("group").empty()) {
    auto group = http::IntValue(req.query.Get("group"), 0, "group");
    if (group.ok() && *group > 0) {
      auto members = ctx.store.GroupMembers(req.principal->school_id, *group);
      if (!members.ok()) return RenderError(ctx, req, members.status());
      for (const auto& p : *members) {
        form.pupil_ids.push_back(std::to_string(p.id));
        form.roles.push_back("involved");
      }
    }
  }
  auto view = RecordPageView(ctx, req, form, Status::Ok(), day);
  if (!view.ok()) return RenderError(ctx, req, view.status());
  std::string q = req.query.Get("q");
  auto group = http::IntValue(req.query.Get("group"), 0, "group");
  long long list_group = kind == RecordKind::kDifficult && group.ok() ? *group : 0;
  if (!q.empty() || list_group > 0) {
    (*view)["q"] = q;
    (*view)["results_html"] = RecordResultsHtml(ctx, req, kind, q, list_group, form.pupil_ids);
    (*view)["find_open"] = true;
  }
  bool positive = kind == RecordKind::kPositive;
  return RenderPage(ctx, req, positive ? "record_positive" : "record_difficult",
                    positive ? kPositiveTitle : kDifficultTitle, *view);
}

}  // namespace attune::web
