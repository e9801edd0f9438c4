// One CSV file of an export as its rows are read into an Export: columns by
// name, the checks every row shares (an id present and not repeated, a
// status understood) and each bad row's problem, added to the Export with
// its file and line. Used by the OneRoster and plain CSV readers.
//
// Thread-safety: used by one thread.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "import/csv_reader.h"
#include "import/export.h"

namespace attune::import {

class ExportTable {
 public:
  // Reads `text` as file `file`. Invalid when it is not CSV at all; the
  // reader's bad rows become `out`'s problems.
  static Result<ExportTable> Read(const std::string& file, std::string_view text, Export& out);

  // Invalid, naming the file, the first missing column and every column
  // needed, when the header lacks one of `names`.
  Status Need(std::initializer_list<std::string_view> names) const;
  // The column `name` (csv_reader.h, CsvTable::Column); -1 when absent.
  int Column(std::string_view name) const { return table_.Column(name); }
  const std::vector<CsvRow>& rows() const { return table_.rows; }
  const std::vector<std::string>& header() const { return table_.header; }
  const std::string& file() const { return table_.file; }
  // The field of `row` in column `column`, trimmed; "" for column -1.
  std::string Field(const CsvRow& row, int column) const { return table_.Field(row, column); }
  RowPlace At(const CsvRow& row) const { return {table_.file, row.line}; }

  // Adds a problem for `row`.
  void Problem(const CsvRow& row, std::string message);
  // The row's value in column `column` (named `name` in messages), or
  // nullopt with a problem when it is empty.
  std::optional<std::string> Required(const CsvRow& row, int column, std::string_view name);
  // The row's id in column `column` (sourcedId, or a plain CSV's key
  // column named `name`), as `normal` writes it (Default: as it is):
  // nullopt, with a problem, when it is empty or an earlier row of the
  // file has it.
  std::optional<std::string> Id(const CsvRow& row, int column, std::string_view name,
                                std::string (*normal)(std::string_view) = nullptr);
  // The ids (in column `column`) of rows not read because some other field
  // is not UTF-8: whoever they are, their rows were bad.
  std::vector<std::string> UnreadableIds(int column) const;
  // How many rows could not be told apart: unreadable (a reader's
  // problem), or without an id (Id on an empty field).
  int Unidentified() const { return unidentified_; }
  // The row's OneRoster status in column `column`: true for "tobedeleted",
  // false for "active" or empty; nullopt, with a problem, otherwise.
  std::optional<bool> Leaving(const CsvRow& row, int column);

 private:
  ExportTable(CsvTable table, Export& out)
      : table_(std::move(table)),
        out_(&out),
        unidentified_(static_cast<int>(table_.problems.size())) {}

  CsvTable table_;
  Export* out_;
  std::unordered_map<std::string, int> ids_;  // id -> the line it was first on
  int unidentified_ = 0;
};

// Splits a OneRoster list ("a,b,c"; spaces around items dropped, empty
// items too).
std::vector<std::string> SplitList(std::string_view text);

}  // namespace attune::import
