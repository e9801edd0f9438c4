// The API's route table: every route names the permission it needs.
#include "api/handlers.h"
#include "api/site.h"

namespace attune::api {

http::Router BuildRouter(const ApiContext* ctx) {
  http::Router r;
  auto bind = [ctx](http::Response (*fn)(const ApiContext&, http::Request&)) {
    return [ctx, fn](http::Request& req) { return fn(*ctx, req); };
  };
  using P = Permission;
  r.Add("GET", "/api/v1/me", P::kSignedIn, bind(GetMe));
  r.Add("GET", "/api/v1/pupils", P::kPupilsView, bind(ListPupils));
  r.Add("GET", "/api/v1/pupils/([0-9]+)", P::kPupilsView, bind(GetPupil), "/api/v1/pupils/1");
  r.Add("GET", "/api/v1/policy", P::kPolicyView, bind(GetPolicy));
  r.Add("GET", "/api/v1/staff", P::kStaffManage, bind(ListStaff));
  r.Add("POST", "/api/v1/staff", P::kStaffManage, bind(CreateStaff));
  return r;
}

}  // namespace attune::api
