#include "services/authorization.h"

namespace attune {

Status Authorize(const Principal* principal, Permission permission) {
  if (permission == Permission::kPublic) return Status::Ok();
  if (!principal) return Status::Unauthenticated("Please sign in to continue");
  // Part-way through signing in (decision 0030): only their own sign-in.
  if (principal->second_factor_due != SecondFactorDue::kNone &&
      permission != Permission::kOwnSignIn) {
    return Status::Unauthenticated("Finish signing in with your second step to continue");
  }
  if (RoleHas(principal->role, permission)) return Status::Ok();
  return Status::Forbidden("Your role does not give access to this page");
}

}  // namespace attune
