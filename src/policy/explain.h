// The policy in plain words a parent could read: the one-page summary of
// seed 004, the parents' booklet of seed 001. Used by `attune policy
// explain` and, later, the "Our policy" page.
#pragma once

#include <string>

#include "policy/policy.h"

namespace attune::policy {

// Plain text with headings underlined; the school's own words throughout.
std::string ExplainAsText(const Policy& policy);

}  // namespace attune::policy
