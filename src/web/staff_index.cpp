// GET /staff: everyone who can sign in, with their roles, searched by name
// and filtered by role and by active or deactivated, 25 or 50 to a page;
// add (behind a disclosure, open when the form failed), change role,
// deactivate; whether each has two-step sign-in on, linking to its reset.
#include <algorithm>

#include "http/url.h"
#include "model/role.h"
#include "web/handlers.h"
#include "web/list_paging.h"
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

StaffFilter ReadStaffFilter(const http::FormData& query) {
  StaffFilter f;
  f.query = query.Get("q");
  if (f.query.size() > 100) f.query.clear();
  f.role = query.Get("role");
  if (!ParseRole(f.role)) f.role.clear();
  f.status = QueryChoice(query, "status", {"active", "deactivated"});
  return f;
}

std::string StaffQuery(const StaffFilter& f) {
  std::string out = "q=" + http::PercentEncode(f.query);
  if (!f.role.empty()) out += "&role=" + f.role;
  if (!f.status.empty()) out += "&status=" + f.status;
  return out;
}

http::Response RenderStaffPage(const WebContext& ctx, const http::Request& req,
                               const NewStaff& input, const Status& error) {
  StaffFilter filter = ReadStaffFilter(req.query);
  auto staff = ctx.staff.Find(*req.principal, filter);
  if (!staff.ok()) return RenderError(ctx, req, staff.status());
  auto two_step = ctx.second_factor.StaffWithItOn(*req.principal);
  if (!two_step.ok()) return RenderError(ctx, req, two_step.status());
  Paging paging = PagingOf(req.query, static_cast<long long>(staff->size()));
  size_t end = std::min(staff->size(), static_cast<size_t>(paging.offset() + paging.per_page));
  nlohmann::json rows = nlohmann::json::array();
  for (size_t i = paging.offset(); i < end; ++i) {
    const Staff& s = (*staff)[i];
    rows.push_back(
        {{"id", s.id},
         {"name", s.name},
         {"email", s.email},
         // Split at the @, where a narrow column may wrap it.
         {"email_local", s.email.substr(0, s.email.rfind('@'))},
         {"email_domain",
          s.email.rfind('@') == std::string::npos ? "" : s.email.substr(s.email.rfind('@'))},
         {"job_title", s.job_title},
         {"active", s.active},
         {"two_step_on", std::binary_search(two_step->begin(), two_step->end(), s.id)},
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
  bool filtered = !filter.query.empty() || !filter.role.empty() || !filter.status.empty();
  std::string query = StaffQuery(filter);
  std::string per = paging.per_page == 50 ? "&per=50" : "";
  auto href = [&](int page) {
    return "/staff?" + query + per + (page > 1 ? "&page=" + std::to_string(page) : "");
  };
  nlohmann::json roles = RoleOptions(filter.role);
  nlohmann::json statuses = nlohmann::json::array();
  for (const char* st : {"active", "deactivated"}) {
    statuses.push_back({{"value", st},
                        {"label", std::string(st) == "active" ? "Active" : "Deactivated"},
                        {"selected", filter.status == st}});
  }
  nlohmann::json view = {
      {"staff", rows},
      {"has_staff", !rows.empty()},
      {"count_words", MatchWords(paging.total, "member of staff", "members of staff", filtered)},
      {"q", filter.query},
      {"filter_roles", roles},
      {"statuses", statuses},
      {"filtered", filtered},
      {"paging", PagingView(paging, rows.size(), href)},
      {"csv_href", "/staff/export.csv?" + query},
      {"adding", !error.ok()},
      {"fields", fields},
      {"error", page_error},
      {"school_name", school.ok() ? school->name : ""}};
  return RenderPage(ctx, req, "staff", "Staff", view, error.ok() ? 200 : HttpStatusFor(error));
}

http::Response StaffIndex(const WebContext& ctx, http::Request& req) {
  return RenderStaffPage(ctx, req, NewStaff{}, Status::Ok());
}

}  // namespace attune::web
