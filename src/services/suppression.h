// Suppression of small counts where figures may be shared (DESIGN.md §3):
// counts of 1 and 2 are not shown, and enough others are withheld beside
// them that they cannot be worked out by subtraction from a total (the
// complementary suppression of published statistics). One rule for every
// shared table: a survey's answers (decision 0027), a trust's or local
// authority's figures by school and term (decision 0034).
#pragma once

#include <vector>

namespace attune {

// Whether a count must not be shown where a report may be shared: 1 or 2
// (a small count can name a child).
bool Suppressed(long long count);

// One count as shown.
struct ShownCount {
  long long count = 0;
  bool fewer_than_three = false;  // 1 or 2: shown as "fewer than 3"
  bool hidden = false;            // withheld so that a suppressed count cannot be worked out
  bool shown() const { return !fewer_than_three && !hidden; }
};

// One line of counts whose total is shown (a question's answers): counts
// of 1 and 2 are suppressed; while those not shown could be worked out from
// the total and the others (one alone; small ones with no withheld count
// beside them; or every one at its least, a reader knowing that a withheld
// count is 3 or more: 1 + 3 is 4), the smallest other count above 0 is
// withheld too. 0 is shown.
std::vector<ShownCount> SuppressCounts(const std::vector<long long>& counts);

// A table whose rows and columns both have shown totals (schools by term,
// with each school's year and the group's term): the rule of
// SuppressCounts applied to every row and every column, again until
// nothing changes. `totals_hidden` gets, per row and then per column,
// whether that line's total must be withheld as well (a line whose small
// counts nothing else can protect). REQUIRES: every row the same length.
// The rule of SuppressCounts for a line already suppressed elsewhere whose
// total is shown too (each school's year beside the group's whole year):
// withholds more of `line` as needed; false when that cannot protect it, and
// the total must be withheld.
bool ProtectTotal(const std::vector<ShownCount*>& line);

std::vector<std::vector<ShownCount>> SuppressTable(const std::vector<std::vector<long long>>& cells,
                                                   std::vector<bool>* totals_hidden = nullptr);

}  // namespace attune
