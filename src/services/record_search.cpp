#include "services/record_search.h"

#include <algorithm>
#include <limits>

#include "core/counting.h"
#include "core/search_words.h"
#include "services/audit.h"
#include "services/incident_service.h"

namespace attune {

Result<std::string> MatchExpression(std::string_view typed) {
  if (typed.size() > kMaxSearchText) {
    return Status::Invalid("Search for at most " + std::to_string(kMaxSearchText) +
                               " characters: a word or two from the notes is enough",
                           "q");
  }
  std::vector<std::string_view> words;
  size_t k = 0;
  while (k < typed.size() && words.size() < kMaxSearchWords) {
    while (k < typed.size() && !IsWordByte(typed[k])) ++k;
    size_t start = k;
    while (k < typed.size() && IsWordByte(typed[k])) ++k;
    if (k > start) words.push_back(typed.substr(start, k - start));
  }
  // Still being typed: the last word matches as the start of a word.
  bool prefix = !words.empty() && words.back().size() >= 2 && !typed.empty() &&
                IsWordByte(typed.back()) &&
                words.back().data() + words.back().size() == typed.data() + typed.size();
  std::string out;
  for (size_t w = 0; w < words.size(); ++w) {
    if (!out.empty()) out += ' ';
    out += '"';
    out += words[w];  // no quote can be inside: a quote separates words
    out += '"';
    if (prefix && w + 1 == words.size()) out += '*';
  }
  return out;
}

std::vector<ExcerptPart> ExcerptParts(std::string_view excerpt) {
  std::vector<ExcerptPart> out;
  ExcerptPart part;
  for (char c : excerpt) {
    if (c == RecordHit::kMarkStart || c == RecordHit::kMarkEnd) {
      bool match = c == RecordHit::kMarkStart;
      if (match == part.match) continue;
      if (!part.text.empty()) out.push_back(part);
      part = {"", match};
      continue;
    }
    part.text += c;
  }
  if (!part.text.empty()) out.push_back(part);
  return out;
}

Result<RecordSearchPage> IncidentService::Search(const Principal& by,
                                                 const RecordSearchRequest& request,
                                                 const std::string& ip) {
  IncidentQuery q;
  q.school_id = by.school_id;
  q.viewer_role = RestrictedReaderName(by.role);
  auto match = MatchExpression(request.words);
  if (!match.ok()) return match.status();
  q.match = *match;
  if (!request.words.empty() && q.match.empty()) {
    return Status::Invalid("Type a word from the notes to search for: letters and numbers", "q");
  }
  if (request.mine) q.recorded_by = by.staff_id;
  q.from = request.from;
  q.to = request.to;
  RecordSearchPage out;
  int size = std::max(1, request.page_size);
  long long first = static_cast<long long>(std::max(1, request.page) - 1) * size;
  q.count_at_most = static_cast<int>(
      std::min<long long>(CountLimit(first, kSearchCountAhead), std::numeric_limits<int>::max()));
  auto total = store_.CountIncidents(q);
  if (!total.ok()) return total.status();
  CountedRows counted = OfCount(*total, q.count_at_most);
  out.more = counted.more;
  out.total = static_cast<int>(counted.total);
  out.pages = std::max(1, (out.total + size - 1) / size);
  out.page = std::clamp(request.page, 1, out.pages);
  q.limit = size;
  q.offset = (out.page - 1) * size;
  auto hits = store_.SearchRecords(q);
  if (!hits.ok()) return hits.status();
  std::vector<long long> restricted;
  for (const auto& hit : *hits) {
    if (hit.incident.restricted) restricted.push_back(hit.incident.id);
  }
  ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store_, by, restricted, ip));
  out.hits = std::move(*hits);
  return out;
}

}  // namespace attune
