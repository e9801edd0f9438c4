// Checking a request's principal against a permission, by the table in
// model/role.h (RoleHas). Deny by default.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/role.h"

namespace attune {

// OK when `principal` (null for an anonymous request) holds `permission`;
// Unauthenticated when anonymous and a sign-in is needed, or when the
// principal still owes their second factor (they hold only kPublic and
// kOwnSignIn until it is given); Forbidden otherwise.
Status Authorize(const Principal* principal, Permission permission);

}  // namespace attune
