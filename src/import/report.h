// What an import found or did, for the command line's summary, the import
// page and the record kept of every import: per kind of thing, how many
// were created, updated, unchanged, marked left and back; the bad rows as
// file:line with what is wrong; notes; and a sample of the changes by name.
//
// Thread-safety: a value.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "import/export.h"

namespace attune::import {

enum class Kind { kSchools, kStaff, kPupils, kForms, kGroups };
inline constexpr int kKinds = 5;
// 12345 as "12,345".
std::string Grouped(long long n);

// "schools", "staff", "pupils", "forms", "teaching groups".
const char* KindWords(Kind kind);
// `n` of them in words: "1 school", "30 members of staff", "120 pupils".
std::string CountWords(Kind kind, long long n);

struct KindCount {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int left = 0;  // marked left (staff deactivated; a group emptied)
  int back = 0;  // marked left before, in the export again
  // Of those above, how many were already in attune and are linked to the
  // MIS for the first time (matched by UPN, email or name).
  int linked = 0;
  bool operator==(const KindCount&) const = default;
};

// One change, for people to check before applying: "created", "updated
// (year 8 to 9)", "marked left", "back".
struct ChangeLine {
  Kind kind = Kind::kPupils;
  std::string what;
  std::string name;
};

struct ImportReport {
  std::string format;  // "OneRoster 1.1"
  std::string source;  // the folder, file or upload
  bool dry_run = false;
  std::vector<std::string> schools;  // the names of the schools imported
  std::array<KindCount, kKinds> counts{};
  long long members_added = 0;    // pupils put in a teaching group, teachers given one
  long long members_removed = 0;  // and taken out
  long long bad_row_count = 0;
  std::vector<RowProblem> bad_rows;  // the first kMaxBadRowsKept
  std::vector<std::string> notes;
  std::vector<ChangeLine> changes;  // at most kMaxChangesKept of each kind
  double seconds = 0;

  static constexpr size_t kMaxBadRowsKept = 2000;
  static constexpr size_t kMaxChangesKept = 200;

  KindCount& Count(Kind kind) { return counts[static_cast<int>(kind)]; }
  const KindCount& Count(Kind kind) const { return counts[static_cast<int>(kind)]; }
  // True when applying it changed nothing (or would change nothing).
  bool NothingChanged() const;
  void AddProblem(RowProblem problem);
  void AddChange(Kind kind, std::string what, std::string name);

  nlohmann::json ToJson() const;
  // What ToJson wrote; fields it does not hold are left at their defaults.
  static ImportReport FromJson(const nlohmann::json& json);
  // One line for the audit log: "2000 pupils created, 12 updated, …; 3 bad rows".
  std::string OneLine() const;
  // The command line's summary: a table of the counts, then every bad row.
  std::string Summary() const;
};

}  // namespace attune::import
