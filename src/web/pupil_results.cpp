#include "web/pupil_results.h"

namespace attune::web {

nlohmann::json PupilResultsView(const std::vector<Pupil>& pupils, const std::string& query) {
  nlohmann::json list = nlohmann::json::array();
  size_t shown = std::min<size_t>(pupils.size(), kPupilResultsShown);
  for (size_t i = 0; i < shown; ++i) {
    const Pupil& p = pupils[i];
    list.push_back({{"id", p.id},
                    {"name", p.last_name + ", " +
                                 (p.preferred_name.empty() ? p.first_name : p.preferred_name)},
                    {"year_group", p.year_group},
                    {"form", p.form_name},
                    {"sen", p.sen == SenStatus::kNone ? "" : SenLabel(p.sen)}});
  }
  return {{"pupils", list},
          {"has_pupils", !list.empty()},
          {"more", pupils.size() > shown},
          {"shown", shown},
          {"q", query}};
}

}  // namespace attune::web
