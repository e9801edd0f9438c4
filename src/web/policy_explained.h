// The policy in force in plain words (policy/explain.h), as a page's view:
// staff's "Our policy" and a family's, one rendering for both.
#pragma once

#include <nlohmann/json.hpp>

#include "services/policy_service.h"

namespace attune::web {

// has_policy, title, summary, sections, version, active_from; `loaded`
// null when the school has no policy in force.
nlohmann::json PolicyExplanationJson(const LoadedPolicy* loaded);

}  // namespace attune::web
