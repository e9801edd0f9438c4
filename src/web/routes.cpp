// The pages' route table: every route names the permission it needs.
#include "web/handlers.h"
#include "web/site.h"

namespace attune::web {

http::Router BuildRouter(const WebContext* ctx) {
  http::Router r;
  auto bind = [ctx](http::Response (*fn)(const WebContext&, http::Request&)) {
    return [ctx, fn](http::Request& req) { return fn(*ctx, req); };
  };
  using P = Permission;
  r.Add("GET", "/healthz", P::kPublic, bind(Healthz));
  r.Add("GET", "/sign-in", P::kPublic, bind(SignInShow));
  r.Add("POST", "/sign-in", P::kPublic, bind(SignInSubmit));
  r.Add("POST", "/sign-out", P::kSignedIn, bind(SignOut));
  r.Add("GET", "/", P::kSignedIn, bind(Home));
  r.Add("GET", "/account", P::kSignedIn, bind(AccountShow));
  r.Add("POST", "/account/password", P::kSignedIn, bind(AccountChangePassword));
  r.Add("GET", "/pupils", P::kPupilsView, bind(PupilsIndex));
  r.Add("GET", "/pupils/search", P::kPupilsView, bind(PupilsSearch));
  r.Add("GET", "/pupils/([0-9]+)", P::kPupilsView, bind(PupilShow), "/pupils/1");
  r.Add("GET", "/audit", P::kAuditView, bind(AuditIndex));
  r.Add("GET", "/policy", P::kPolicyView, bind(OurPolicy));
  r.Add("GET", "/policies", P::kPolicyManage, bind(PolicyVersions));
  r.Add("POST", "/policies", P::kPolicyManage, bind(PolicyUploadSubmit));
  r.Add("GET", "/policies/([0-9]+)", P::kPolicyManage, bind(PolicyVersionShow), "/policies/1");
  r.Add("POST", "/policies/([0-9]+)/activate", P::kPolicyManage, bind(PolicyActivate),
        "/policies/1/activate");
  r.Add("GET", "/staff", P::kStaffManage, bind(StaffIndex));
  r.Add("POST", "/staff", P::kStaffManage, bind(StaffCreate));
  r.Add("POST", "/staff/([0-9]+)/role", P::kStaffManage, bind(StaffChangeRole), "/staff/1/role");
  r.Add("POST", "/staff/([0-9]+)/active", P::kStaffManage, bind(StaffSetActive), "/staff/1/active");
  return r;
}

}  // namespace attune::web
