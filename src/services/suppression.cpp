#include "services/suppression.h"

#include <cstddef>

namespace attune {
namespace {

// Whether the counts of `line` not shown could be worked out from its
// shown total and the counts shown beside them. A reader knows each "fewer
// than 3" is 1 or 2 and each withheld count 3 or more, and the sum of those
// not shown (the total less the rest), which pins them when there is one;
// when every one must be at its least (1 + 1 + 3 is 5); or when they are all
// small (none withheld: 2 is 1 + 1, 3 could be 1 + 2 but still names
// children in so small a group, so small ones are protected only by a
// withheld count beside them).
bool WorksOut(const std::vector<ShownCount*>& line) {
  int small = 0, withheld = 0;
  long long sum = 0;
  for (const ShownCount* c : line) {
    if (c->shown()) continue;
    sum += c->count;
    if (c->fewer_than_three) {
      ++small;
    } else {
      ++withheld;
    }
  }
  if (small + withheld == 0) return false;
  if (withheld == 0 || small + withheld == 1) return true;
  return sum == small + 3LL * withheld;
}

// The line rule on cells given by pointer; true when it withheld one. Sets
// `unprotected` when hidden counts could be worked out and nothing else
// can be withheld.
bool ProtectLine(const std::vector<ShownCount*>& line, bool* unprotected) {
  bool changed = false;
  while (WorksOut(line)) {
    ShownCount* smallest = nullptr;
    for (ShownCount* c : line) {
      if (!c->shown() || c->count == 0) continue;
      if (!smallest || c->count < smallest->count) smallest = c;
    }
    if (!smallest) {
      if (unprotected) *unprotected = true;
      return changed;
    }
    smallest->hidden = true;
    changed = true;
  }
  return changed;
}

ShownCount Shown(long long count) {
  ShownCount s;
  s.count = count;
  s.fewer_than_three = Suppressed(count);
  return s;
}

}  // namespace

bool Suppressed(long long count) { return count == 1 || count == 2; }

bool ProtectTotal(const std::vector<ShownCount*>& line) {
  bool unprotected = false;
  ProtectLine(line, &unprotected);
  return !unprotected;
}

std::vector<ShownCount> SuppressCounts(const std::vector<long long>& counts) {
  auto table = SuppressTable({counts});
  return table.empty() ? std::vector<ShownCount>{} : table.front();
}

std::vector<std::vector<ShownCount>> SuppressTable(const std::vector<std::vector<long long>>& cells,
                                                   std::vector<bool>* totals_hidden) {
  std::vector<std::vector<ShownCount>> out;
  for (const auto& row : cells) {
    out.emplace_back();
    for (long long c : row) out.back().push_back(Shown(c));
  }
  const size_t rows = out.size(), cols = rows ? out.front().size() : 0;
  std::vector<bool> unprotected(rows + cols, false);
  // Each pass withholds at least one more count, so this ends.
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t r = 0; r < rows; ++r) {
      std::vector<ShownCount*> line;
      for (auto& c : out[r]) line.push_back(&c);
      bool open = false;
      changed |= ProtectLine(line, &open);
      unprotected[r] = open;
    }
    // A table of one row is a line: its columns are single counts.
    for (size_t c = 0; rows > 1 && c < cols; ++c) {
      std::vector<ShownCount*> line;
      for (auto& row : out) line.push_back(&row[c]);
      bool open = false;
      changed |= ProtectLine(line, &open);
      unprotected[rows + c] = open;
    }
  }
  // With one row, a column's total is its one count.
  for (size_t c = 0; rows == 1 && c < cols; ++c) unprotected[1 + c] = !out[0][c].shown();
  if (totals_hidden) *totals_hidden = unprotected;
  return out;
}

}  // namespace attune
