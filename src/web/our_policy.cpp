// GET /policy: "Our policy" — the policy in force, in plain words (and the
// same view for a family's page, web/family_pages.cpp).
#include "policy/explain.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/policy_explained.h"
#include "web/site.h"

namespace attune::web {

nlohmann::json PolicyExplanationJson(const LoadedPolicy* loaded) {
  nlohmann::json view = {{"has_policy", loaded != nullptr}};
  if (!loaded) return view;
  policy::Explanation ex = policy::Explain(*loaded->policy);
  nlohmann::json sections = nlohmann::json::array();
  for (const auto& s : ex.sections) {
    nlohmann::json items = nlohmann::json::array();
    bool titles = false;
    for (const auto& item : s.items) {
      titles = titles || !item.title.empty();
      nlohmann::json lines = nlohmann::json::array();
      for (const auto& l : item.lines) {
        if (!l.empty()) lines.push_back(l);
      }
      items.push_back({{"title", item.title}, {"lines", lines}});
    }
    sections.push_back(
        {{"heading", s.heading}, {"intro", s.intro}, {"items", items}, {"has_titles", titles}});
  }
  view["title"] = ex.title;
  view["summary"] = ex.summary;
  view["sections"] = sections;
  view["version"] = loaded->version.version;
  view["active_from"] =
      loaded->version.active_from ? date::format("%e %B %Y", *loaded->version.active_from) : "";
  return view;
}

http::Response OurPolicy(const WebContext& ctx, http::Request& req) {
  auto loaded = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  if (!loaded.ok() && loaded.status().code() != StatusCode::kNotFound) {
    return RenderError(ctx, req, loaded.status());
  }
  return RenderPage(ctx, req, "policy", "Our policy",
                    PolicyExplanationJson(loaded.ok() ? &*loaded : nullptr));
}

}  // namespace attune::web
