// GET /pupils: the pupil list, filtered by year, form, SEN status and
// whether a plan is active, searched by name as staff type, sorted by name
// or by year and form, 25 or 50 to a page.
#include "web/handlers.h"
#include "web/list_paging.h"
#include "web/page.h"
#include "web/pupil_results.h"
#include "web/site.h"

namespace attune::web {
namespace {

nlohmann::json Options(std::initializer_list<std::pair<const char*, const char*>> choices,
                       const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : choices) {
    out.push_back({{"value", value}, {"label", label}, {"selected", selected == value}});
  }
  return out;
}

}  // namespace

http::Response PupilsIndex(const WebContext& ctx, http::Request& req) {
  PupilChoice choice = ReadPupilChoice(req.query);
  auto results = PupilResultsView(ctx, req, choice);
  if (!results.ok()) return RenderError(ctx, req, results.status());
  nlohmann::json view = {
      {"q", choice.filter.query},
      {"results", ctx.renderer.Render("fragments/pupil_results", *results)},
      {"can_review", RoleHas(req.principal->role, Permission::kProfileEdit)},
      // The filters stay open while one is in use.
      {"filtered", choice.filter.year_group >= 0 || choice.filter.form_id ||
                       !choice.filter.sen.empty() || !choice.plan.empty() || choice.sort != "name"},
      {"sens",
       Options({{"N", "No SEN"}, {"K", "SEN support"}, {"E", "EHC plan"}}, choice.filter.sen)},
      {"plans", Options({{"yes", "An active plan"}, {"no", "No active plan"}}, choice.plan)},
      {"sorts", Options({{"name", "Name"}, {"year", "Year and form"}}, choice.sort)},
      {"pers", Options({{"25", "25"}, {"50", "50"}}, req.query.Get("per") == "50" ? "50" : "25")}};
  AddYearFormChoices(ctx, req.principal->school_id, choice.filter.year_group, choice.filter.form_id,
                     view);
  return RenderPage(ctx, req, "pupils", "Pupils", view);
}

}  // namespace attune::web
