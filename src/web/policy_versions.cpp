// GET /policies and POST /policies: the versions, and uploading a new one
// (checked in place; nothing is saved while it has errors, and the text
// stays in the form).
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"

namespace attune::web {
namespace {

http::Response RenderVersions(const WebContext& ctx, const http::Request& req,
                              const std::string& text, const std::string& note,
                              const std::vector<policy::Diagnostic>& errors,
                              const Status& page_error) {
  auto versions = ctx.policies.List(*req.principal);
  if (!versions.ok()) return RenderError(ctx, req, versions.status());
  auto in_force = ctx.policies.InForce(req.principal->school_id, LondonDate(Now()));
  long long in_force_id = in_force.ok() ? in_force->version.id : 0;
  Date today = LondonDate(Now());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& v : *versions) {
    std::string status = "Draft";
    if (v.active_from) {
      status =
          today < *v.active_from ? "From " + date::format("%e %B %Y", *v.active_from) : "Replaced";
    }
    rows.push_back({{"id", v.id},
                    {"version", v.version},
                    {"in_force", v.id == in_force_id},
                    {"status", status},
                    {"uploaded", FormatLondon(v.uploaded_at, "%e %b %Y")},
                    {"by", v.uploaded_by},
                    {"note", v.note}});
  }
  nlohmann::json errs = nlohmann::json::array();
  for (const auto& d : errors) {
    if (d.error) errs.push_back({{"line", d.line}, {"column", d.column}, {"message", d.message}});
  }
  nlohmann::json view = {{"versions", rows},
                         {"has_versions", !rows.empty()},
                         {"errors", errs},
                         {"has_errors", !errs.empty()},
                         {"error_count", errs.size()},
                         {"page_error", page_error.ok() ? "" : page_error.message()},
                         {"text", text},
                         {"note", note}};
  int status = !errs.empty() || !page_error.ok() ? 422 : 200;
  return RenderPage(ctx, req, "policies", "Policy versions", view, status);
}

}  // namespace

http::Response PolicyVersions(const WebContext& ctx, http::Request& req) {
  return RenderVersions(ctx, req, "", "", {}, Status::Ok());
}

http::Response PolicyUploadSubmit(const WebContext& ctx, http::Request& req) {
  auto form = req.Form();
  if (!form.ok()) return RenderError(ctx, req, form.status());
  // A chosen file wins over pasted text.
  std::string text = form->Get("policy_file");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) text = form->Get("policy");
  std::string note = form->Get("note");
  auto upload = ctx.policies.Upload(*req.principal, text, note, req.ip);
  if (!upload.ok()) {
    if (upload.status().code() != StatusCode::kInvalid)
      return RenderError(ctx, req, upload.status());
    return RenderVersions(ctx, req, text, note, {}, upload.status());
  }
  if (!upload->saved)
    return RenderVersions(ctx, req, text, note, upload->diagnostics, Status::Ok());
  http::Response r = http::Response::Redirect("/policies/" + std::to_string(upload->saved->id));
  SetFlash(r,
           "Version " + std::to_string(upload->saved->version) +
               " is saved as a draft. Check the changes, then choose when it comes into force.",
           ctx.secure_cookies);
  return r;
}

}  // namespace attune::web
