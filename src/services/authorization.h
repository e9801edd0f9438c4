// Which role holds which permission: the one table of it. Deny by default:
// a permission not listed for a role is refused.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/role.h"

namespace attune {

bool RoleHas(Role role, Permission permission);

// The roles holding `permission` (for documentation and tests).
std::vector<Role> RolesWith(Permission permission);

// OK when `principal` (null for an anonymous request) holds `permission`;
// Unauthenticated when anonymous and a sign-in is needed; Forbidden otherwise.
Status Authorize(const Principal* principal, Permission permission);

}  // namespace attune
