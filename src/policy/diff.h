// What changed between two versions of a policy, in words an administrator
// checks before activating a new version.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"

namespace attune::policy {

struct PolicyChange {
  std::string kind;    // "added", "removed", "changed"
  std::string what;    // "Category \"Low-level disruption\""
  std::string detail;  // "class low_level → difficult; default step reminder → time_in"
};

// Changes from `before` to `after`, section by section.
std::vector<PolicyChange> DiffPolicies(const Policy& before, const Policy& after);

}  // namespace attune::policy
