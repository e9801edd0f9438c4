#include "core/search_words.h"

namespace attune {

std::vector<MatchTerm> ParseMatch(std::string_view match) {
  std::vector<MatchTerm> out;
  size_t k = 0;
  while ((k = match.find('"', k)) != std::string_view::npos) {
    size_t end = match.find('"', k + 1);
    if (end == std::string_view::npos) break;
    out.push_back({std::string(match.substr(k + 1, end - k - 1)),
                   end + 1 < match.size() && match[end + 1] == '*'});
    k = end + 1;
  }
  return out;
}

}  // namespace attune
