// GET /api/v1/me: who the token acts for.
#include "api/handlers.h"

namespace attune::api {

http::Response GetMe(const ApiContext&, http::Request& req) {
  const Principal& p = *req.principal;
  return http::Response::Json({{"id", p.role == Role::kParent ? p.family_id : p.staff_id},
                               {"school_id", p.school_id},
                               {"name", p.name},
                               {"email", p.email},
                               {"role", RoleName(p.role)}});
}

}  // namespace attune::api
