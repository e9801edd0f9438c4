// Finding records by the words staff wrote in them (decision 0016), and
// "What I recorded". What a person types is never FTS5 syntax: it is cut
// into words, each quoted, the last matched as a prefix while it is being
// typed, all of them required. Who may find a record is the rule for
// reading one (IncidentService::MayRead, in the store as readable.h); every
// restricted record returned is audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "storage/incident_store.h"

namespace attune {

// The longest search accepted, in bytes, and the most words used of it.
inline constexpr size_t kMaxSearchText = 200;
inline constexpr size_t kMaxSearchWords = 12;

// The FTS5 expression for `typed`: each word (letters and digits; any
// other ASCII character separates words) quoted, all required, the last a
// prefix when it has two or more characters and `typed` does not end with
// a separator. "" when `typed` has no words. Invalid (field "q") when
// longer than kMaxSearchText.
Result<std::string> MatchExpression(std::string_view typed);

// A page of records found. REQUIRES for RecordSearchRequest::page: 1 or more (a
// page past the last is shown as the last).
struct RecordSearchRequest {
  std::string words;              // "" lists records without matching words
  bool mine = false;              // only records the searcher made
  std::optional<Timestamp> from;  // occurred_at >= from
  std::optional<Timestamp> to;    // occurred_at < to
  int page = 1;
  int page_size = 25;
};

// Records are counted as far as kSearchCountAhead past the page asked:
// a word in most records says "more than" rather than waiting for them all.
inline constexpr int kSearchCountAhead = 1000;

struct RecordSearchPage {
  std::vector<RecordHit> hits;
  int total = 0;      // records found, on every page (with `more`, at least)
  bool more = false;  // there are more than `total`
  int page = 1;       // the page shown, clamped to 1..pages
  int pages = 1;
};

// An excerpt with marks (RecordHit::kMarkStart/kMarkEnd) as parts, each
// either matched words or not, for a template to escape; marks left open
// are closed, marks in the text itself only start or end a highlight.
struct ExcerptPart {
  std::string text;
  bool match = false;
};
std::vector<ExcerptPart> ExcerptParts(std::string_view excerpt);

}  // namespace attune
