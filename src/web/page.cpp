#include "web/page.h"

#include "http/url.h"
#include "services/authorization.h"

namespace attune::web {
namespace {

struct NavItem {
  const char* href;
  const char* label;
  Permission permission;
};

// The main navigation; each item shows only for roles holding its permission.
constexpr NavItem kNav[] = {
    {"/", "My day", Permission::kSignedIn},
    {"/record", "Record", Permission::kIncidentsRecord},
    {"/actions", "My actions", Permission::kIncidentsView},
    {"/records", "Records", Permission::kIncidentsView},
    {"/pupils", "Pupils", Permission::kPupilsView},
    {"/plans", "Plans", Permission::kPlansManage},
    {"/insight", "Insight", Permission::kInsightSchool},
    {"/policy", "Our policy", Permission::kPolicyView},
    {"/policies", "Policy versions", Permission::kPolicyManage},
    {"/training", "Staff training", Permission::kPolicyManage},
    {"/surveys", "Pupil surveys", Permission::kSurveysManage},
    {"/staff", "Staff", Permission::kStaffManage},
    {"/import", "MIS import", Permission::kMisImport},
    {"/audit", "Audit log", Permission::kAuditView},
    {"/mail", "Email outbox", Permission::kMailManage},
    {"/family/reviews", "For families", Permission::kFamilyReview},
    {"/account", "Account", Permission::kSignedIn},
    // A parent or carer's pages (decision 0026).
    {"/family", "My children", Permission::kFamilyView},
    {"/family/policy", "Our policy", Permission::kFamilyView},
    {"/family/account", "Account", Permission::kFamilyView},
    // A trust's or local authority's (decision 0034).
    {"/group", "Schools' figures", Permission::kGroupView},
    {"/group/notices", "Notices", Permission::kAuthorityNotices},
    {"/group/account", "Account", Permission::kGroupView},
};

bool IsCurrent(const std::string& path, const std::string& href) {
  if (href == "/") return path == "/";
  if (href == "/group") return path == href;
  // A family's home holds their children's pages, not the family's others.
  if (href == "/family") return path == href || path.rfind("/family/pupils/", 0) == 0;
  return path == href || path.rfind(href + "/", 0) == 0;
}

// Flash text travels hex-encoded so a cookie can carry any message.
std::string HexEncode(const std::string& text) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text.substr(0, 300)) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string HexDecode(const std::string& hex) {
  auto value = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  };
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

}  // namespace

const char* HomePath(const Principal& p) {
  if (p.role == Role::kParent) return "/family";
  if (p.organisation_id) return "/group";
  return "/";
}

http::Response RenderPage(const WebContext& ctx, const http::Request& req, const std::string& page,
                          const std::string& title, nlohmann::json view, int status) {
  nlohmann::json layout;
  const Principal* p = req.principal;
  std::string csrf = p ? p->csrf_token : "";
  view["csrf_token"] = view.value("csrf_token", csrf);
  layout["title"] = title;
  layout["version"] = ctx.version;
  layout["home_href"] = p ? HomePath(*p) : "/";
  layout["csrf_token"] = csrf;
  layout["body"] = ctx.renderer.Render("pages/" + page, view);
  if (p) {
    layout["user_name"] = p->name;
    layout["role_label"] = RoleLabel(p->role);
    // Shown only on paper (print.css): who printed the page, and when (the
    // recovery codes are printed part-way through signing in).
    layout["printed_at"] = FormatLondon(Now(), "%e %B %Y at %H:%M");
  }
  // Part-way through signing in (decision 0030), nothing but signing out
  // is theirs yet: no navigation, no bell.
  if (p && p->second_factor_due == SecondFactorDue::kNone) {
    if (p->organisation_id) {
      auto org = ctx.store.GetOrganisation(p->organisation_id);
      if (org.ok()) {
        layout["school_name"] = org->name;
        // What it shows are its schools' figures, not any school's records.
        layout["footer_words"] = "figures shared by its schools with " + org->name;
      }
    } else {
      auto school = ctx.store.GetSchool(p->school_id);
      if (school.ok()) layout["school_name"] = school->name;
    }
    nlohmann::json nav = nlohmann::json::array();
    // On a phone the first three a role holds (what it uses most: My day,
    // Record, My actions) stay in view; the rest are behind "Menu".
    int primary = 0;
    // A family's two (My children, Our policy) leave room for "Menu".
    const int primary_count = p->role == Role::kParent || p->organisation_id ? 2 : 3;
    for (const auto& item : kNav) {
      if (!RoleHas(p->role, item.permission)) continue;
      // Shown only to the roles the policy asks to check records for families.
      if (item.permission == Permission::kFamilyReview && !ctx.families.MayReview(*p)) continue;
      nav.push_back({{"href", item.href},
                     {"label", item.label},
                     {"primary", primary++ < primary_count},
                     {"current", IsCurrent(req.path, item.href)}});
    }
    // Notifications are staff's; a family's news is on their own page.
    if (p->role != Role::kParent && !p->organisation_id) {
      std::string unread = UnreadBadge(ctx, *p);
      if (!unread.empty()) layout["unread_count"] = unread;
      layout["bell_current"] = IsCurrent(req.path, "/notifications");
      layout["has_bell"] = true;
    }
    layout["nav"] = nav;
    layout["has_nav"] = true;
  }
  std::string flash = req.Cookie("attune_flash");
  layout["flash"] = HexDecode(flash);
  std::string undo = req.Cookie("attune_undo");
  bool undo_valid = !undo.empty() && undo.size() < 19 &&
                    undo.find_first_not_of("0123456789") == std::string::npos;
  if (undo_valid && !flash.empty()) {
    layout["undo_id"] = undo;
    // Back to this very page after the undo, with its query string.
    std::string here = req.path;
    for (const auto& [name, value] : req.query.pairs()) {
      here += (here.size() == req.path.size() ? "?" : "&") + http::PercentEncode(name) + "=" +
              http::PercentEncode(value);
    }
    layout["here"] = here;
  }
  http::Response r = http::Response::Html(ctx.renderer.Render("layouts/app", layout), status);
  http::CookieOptions clear;
  clear.max_age_seconds = 0;
  clear.secure = ctx.secure_cookies;
  if (!flash.empty()) r.SetCookie("attune_flash", "", clear);
  if (!undo.empty()) r.SetCookie("attune_undo", "", clear);
  return r;
}

std::string UnreadBadge(const WebContext& ctx, const Principal& by) {
  // One indexed count, stopping at the cap ("99+").
  auto unread = ctx.notifications.Unread(by);
  if (!unread.ok() || *unread == 0) return "";
  return *unread >= NotificationService::kBadgeCap
             ? std::to_string(NotificationService::kBadgeCap - 1) + "+"
             : std::to_string(*unread);
}

http::Response RenderFragment(const WebContext& ctx, const std::string& name,
                              const nlohmann::json& view, int status) {
  return http::Response::Html(ctx.renderer.Render("fragments/" + name, view), status);
}

void SetFlash(http::Response& response, const std::string& message, bool secure) {
  http::CookieOptions o;
  o.max_age_seconds = 60;
  o.secure = secure;
  o.same_site = "Strict";
  response.SetCookie("attune_flash", HexEncode(message), o);
}

void SetUndo(http::Response& response, long long incident_id, bool secure) {
  http::CookieOptions o;
  o.max_age_seconds = 60;
  o.secure = secure;
  o.same_site = "Strict";
  response.SetCookie("attune_undo", std::to_string(incident_id), o);
}

}  // namespace attune::web
