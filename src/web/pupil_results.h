// The search results list, shared by the pupils page and its htmx fragment.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/pupil.h"

namespace attune::web {

inline constexpr int kPupilResultsShown = 50;

// View for fragments/pupil_results. `pupils` may hold one more than shown,
// which tells the page that there are more.
nlohmann::json PupilResultsView(const std::vector<Pupil>& pupils, const std::string& query);

}  // namespace attune::web
