#include "storage/sql/excerpt.h"

#include <algorithm>

#include "core/search_words.h"
#include "storage/incident_store.h"
#include "storage/sql/record_words.h"

namespace attune::sql {
namespace {

constexpr size_t kWords = 16;

// The match's terms as the index holds words (record_words.h): "Zoë" is
// zoe. A term the index reads as more than one word ("Zoë’s") is each of
// them, the last still a prefix if the term was.
std::vector<MatchTerm> Terms(const std::string& match) {
  std::vector<MatchTerm> out;
  for (const MatchTerm& typed : ParseMatch(match)) {
    std::vector<RecordWord> words = RecordWords(typed.word);
    for (size_t k = 0; k < words.size(); ++k) {
      out.push_back({std::move(words[k].folded), typed.prefix && k + 1 == words.size()});
    }
  }
  return out;
}

struct Word {
  size_t begin, end;
  bool matched;
};

std::vector<Word> Words(const std::string& text, const std::vector<MatchTerm>& terms) {
  std::vector<Word> out;
  for (const RecordWord& word : RecordWords(text)) {
    bool matched = std::any_of(terms.begin(), terms.end(), [&](const MatchTerm& t) {
      return t.prefix ? word.folded.compare(0, t.word.size(), t.word) == 0 : word.folded == t.word;
    });
    out.push_back({word.begin, word.end, matched});
  }
  return out;
}

}  // namespace

std::string Excerpt(const std::vector<std::string>& parts, const std::string& match) {
  const std::vector<MatchTerm> terms = Terms(match);
  // The part with most matches; the first of those.
  size_t best = 0, most = 0;
  std::vector<std::vector<Word>> words;
  for (size_t p = 0; p < parts.size(); ++p) {
    words.push_back(Words(parts[p], terms));
    size_t n = static_cast<size_t>(
        std::count_if(words[p].begin(), words[p].end(), [](const Word& w) { return w.matched; }));
    if (n > most) {
      most = n;
      best = p;
    }
  }
  if (parts.empty()) return "";
  const std::string& text = parts[best];
  const std::vector<Word>& w = words[best];
  // The run of kWords words with most matches, the earliest of those.
  size_t from = 0, top = 0;
  for (size_t s = 0; s + kWords <= w.size() || (s == 0 && !w.empty()); ++s) {
    size_t n = 0;
    for (size_t i = s; i < std::min(w.size(), s + kWords); ++i) n += w[i].matched ? 1 : 0;
    if (n > top) {
      top = n;
      from = s;
    }
  }
  size_t to = std::min(w.size(), from + kWords);  // one past the last word
  size_t begin = from == 0 ? 0 : w[from].begin;
  size_t end = to == w.size() ? text.size() : (to == 0 ? 0 : w[to - 1].end);
  std::string out = from == 0 ? "" : "…";
  size_t at = begin;
  for (size_t i = from; i < to; ++i) {
    out.append(text, at, w[i].begin - at);
    if (w[i].matched) out += RecordHit::kMarkStart;
    out.append(text, w[i].begin, w[i].end - w[i].begin);
    if (w[i].matched) out += RecordHit::kMarkEnd;
    at = w[i].end;
  }
  if (end > at) out.append(text, at, end - at);
  if (to < w.size()) out += "…";
  return out;
}

}  // namespace attune::sql
