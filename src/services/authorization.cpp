#include "services/authorization.h"

namespace attune {

Status Authorize(const Principal* principal, Permission permission) {
  if (permission == Permission::kPublic) return Status::Ok();
  if (!principal) return Status::Unauthenticated("Please sign in to continue");
  if (RoleHas(principal->role, permission)) return Status::Ok();
  return Status::Forbidden("Your role does not give access to this page");
}

}  // namespace attune
