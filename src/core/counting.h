// Counting a long list only as far as the page asked for needs (the audit
// log, records found by a common word): count up to CountLimit rows, then
// OfCount says how many there are, or at least how many ("more than").
#pragma once

namespace attune {

// The most rows to count for a page starting at row `first` (0-based) with
// `ahead` rows counted beyond it: one more than that, to tell "exactly" from
// "at least".
inline long long CountLimit(long long first, long long ahead) { return first + ahead + 1; }

struct CountedRows {
  long long total = 0;  // rows counted; with `more`, a floor
  bool more = false;    // the count reached its limit: there are more
};

// What a count stopped at `limit` (CountLimit) says.
inline CountedRows OfCount(long long counted, long long limit) {
  bool more = counted >= limit;
  return {more ? counted - 1 : counted, more};
}

}  // namespace attune
