// GET /staff: everyone who can sign in, with their roles; add, change role,
// deactivate.
#include "model/role.h"
#include "web/handlers.h"
#include "web/page.h"
#include "web/site.h"
#include "web/staff_page.h"

namespace attune::web {
namespace {

nlohmann::json RoleOptions(const std::string& selected) {
  nlohmann::json options = nlohmann::json::array();
  for (Role r : AllRoles()) {
    options.push_back(
        {{"value", RoleName(r)}, {"label", RoleLabel(r)}, {"selected", selected == RoleName(r)}});
  }
  return options;
}

nlohmann::json Field(const char* name, const char* label, const char* type,
                     const std::string& value, const Status& error, const char* hint = "") {
  return {{"name", name},
          {"label", label},
          {"type", type},
          {"value", value},
          {"hint", hint},
          {"is_select", false},
          {"error", error.field() == name ? error.message() : ""}};
}

}  // namespace

http::Response RenderStaffPage(const WebContext& ctx, const http::Request& req,
                               const NewStaff& input, const Status& error) {
  auto staff = ctx.staff.List(*req.principal);
  if (!staff.ok()) return RenderError(ctx, req, staff.status());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : *staff) {
    rows.push_back({{"id", s.id},
                    {"name", s.name},
                    {"email", s.email},
                    {"job_title", s.job_title},
                    {"active", s.active},
                    {"roles", RoleOptions(RoleName(s.role))}});
  }
  nlohmann::json fields = nlohmann::json::array();
  fields.push_back(Field("name", "Full name", "text", input.name, error));
  fields.push_back(Field("email", "School email address", "email", input.email, error));
  fields.push_back({{"name", "role"},
                    {"label", "Role"},
                    {"is_select", true},
                    {"hint",
                     "Pastoral lead, SENCO, designated safeguarding lead and senior leader read "
                     "safeguarding records or special category details: only the DSL or a senior "
                     "leader can give these roles."},
                    {"error", error.field() == "role" ? error.message() : ""},
                    {"options", RoleOptions(input.role.empty() ? "teacher" : input.role)}});
  fields.push_back(Field("job_title", "Job title (optional)", "text", input.job_title, error));
  fields.push_back(Field("password", "First password", "password", "", error,
                         "At least 10 characters. Share it privately; they can change it."));
  std::string page_error = !error.ok() && error.field().empty() ? error.message() : "";
  auto school = ctx.store.GetSchool(req.principal->school_id);
  nlohmann::json view = {{"staff", rows},
                         {"count", rows.size()},
                         {"fields", fields},
                         {"error", page_error},
                         {"school_name", school.ok() ? school->name : ""}};
  return RenderPage(ctx, req, "staff", "Staff", view, error.ok() ? 200 : HttpStatusFor(error));
}

http::Response StaffIndex(const WebContext& ctx, http::Request& req) {
  return RenderStaffPage(ctx, req, NewStaff{}, Status::Ok());
}

}  // namespace attune::web
