// GET /policies/{id}: a version, what it changes against the one in force,
// and bringing it into force; POST /policies/{id}/activate.
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderVersion(const WebContext& ctx, const http::Request& req, long long id,
                             const Status& error) {
  auto loaded = ctx.policies.Version(*req.principal, id);
  if (!loaded.ok()) return RenderError(ctx, req, loaded.status());
  auto changes = ctx.policies.ChangesIn(*req.principal, id);
  if (!changes.ok()) return RenderError(ctx, req, changes.status());
  auto in_force = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  const PolicyVersion& v = loaded->version;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : *changes) {
    list.push_back({{"kind", c.kind}, {"what", c.what}, {"detail", c.detail}});
  }
  nlohmann::json warnings = nlohmann::json::array();
  for (const auto& d : loaded->warnings) {
    warnings.push_back({{"line", d.line}, {"column", d.column}, {"message", d.message}});
  }
  bool is_current = in_force.ok() && in_force->version.id == v.id;
  std::string heading =
      is_current      ? "This is the version in force"
      : in_force.ok() ? "What changes against version " + std::to_string(in_force->version.version)
                      : "What this policy sets up";
  nlohmann::json view = {
      {"id", v.id},
      {"version", v.version},
      {"school_name", v.school_name},
      {"uploaded", FormatLondon(v.uploaded_at, "%e %B %Y at %H:%M")},
      {"by", v.uploaded_by},
      {"note", v.note},
      {"active_from", v.active_from ? date::format("%e %B %Y", *v.active_from) : ""},
      {"in_force", is_current},
      {"changes_heading", heading},
      {"changes", is_current ? nlohmann::json::array() : list},
      {"has_changes", !is_current && !list.empty()},
      {"warnings", warnings},
      {"has_warnings", !warnings.empty()},
      {"today", FormatDate(LondonDate(Now()))},
      {"error", error.ok() ? "" : error.message()}};
  return RenderPage(ctx, req, "policy_version", "Policy version " + std::to_string(v.version), view,
                    error.ok() ? 200 : HttpStatusFor(error));
}

}  // namespace

http::Response PolicyVersionShow(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  return RenderVersion(ctx, req, *id, Status::Ok());
}

http::Response PolicyActivate(const WebContext& ctx, http::Request& req) {
  auto id = http::ParamId(req);
  if (!id.ok()) return RenderError(ctx, req, id.status());
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  Status st = ctx.policies.Activate(*req.principal, *id, form->Get("active_from"), req.ip);
  if (!st.ok()) {
    if (st.code() == StatusCode::kInvalid) return RenderVersion(ctx, req, *id, st);
    return RenderError(ctx, req, st);
  }
  http::Response r = http::Response::Redirect("/policies/" + std::to_string(*id));
  SetFlash(r, "The policy version will be in force from " + form->Get("active_from") + ".",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
