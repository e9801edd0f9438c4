#include "services/suppression.h"

#include <cstddef>

namespace attune {
namespace {

// The line rule on cells given by pointer; true when it withheld one. Sets
// `unprotected` when small counts are hidden and nothing else can be.
bool ProtectLine(const std::vector<ShownCount*>& line, bool* unprotected) {
  int hidden = 0;
  bool secondary = false;
  for (const ShownCount* c : line) {
    if (c->shown()) continue;
    ++hidden;
    if (c->hidden && !c->fewer_than_three) secondary = true;
  }
  // Safe: nothing hidden, or one withheld count already hides the rest.
  if (hidden == 0 || secondary) return false;
  ShownCount* smallest = nullptr;
  for (ShownCount* c : line) {
    if (!c->shown() || c->count == 0) continue;
    if (!smallest || c->count < smallest->count) smallest = c;
  }
  if (!smallest) {
    if (unprotected) *unprotected = true;
    return false;
  }
  smallest->hidden = true;
  return true;
}

ShownCount Shown(long long count) {
  ShownCount s;
  s.count = count;
  s.fewer_than_three = Suppressed(count);
  return s;
}

}  // namespace

bool Suppressed(long long count) { return count == 1 || count == 2; }

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
