// Reading a CSV file as MIS exports write it (RFC 4180): fields quoted or
// not, quotes doubled inside quotes, line breaks inside quoted fields, a
// UTF-8 byte order mark, CRLF or LF line ends. Columns are found by their
// header's name, never by position.
//
// A file that is not CSV at all (empty, binary, no header) is one Invalid
// status naming the file; a bad row (not UTF-8, the wrong number of fields,
// a quote never closed) is a problem with its line, and the other rows are
// read. Line numbers count the file's lines from 1 (the header), so a row
// after a field with a line break in it has the number a text editor shows.
//
// Thread-safety: a CsvTable is a value; ReadCsv is safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace attune::import {

struct CsvRow {
  int line = 0;  // where the row starts
  std::vector<std::string> fields;
};

// A row the reader refused, and why ("has 5 fields where the header has 7").
struct CsvProblem {
  int line = 0;
  std::string message;
};

struct CsvTable {
  std::string file;  // the name messages use, e.g. "users.csv"
  std::vector<std::string> header;
  std::vector<CsvRow> rows;  // well-formed rows only, in order
  std::vector<CsvProblem> problems;
  // Rows with the header's number of fields, some of them not UTF-8 (each
  // a problem too, and not among `rows`), those fields made empty: what
  // the rest says (the row's id) can still be read.
  std::vector<CsvRow> unreadable;

  // The index of column `name`: the exact name, else one that differs only
  // in case; -1 when the header has neither.
  int Column(std::string_view name) const;
  // Row `row`'s field in column `column` (from Column), without surrounding
  // spaces; "" for column -1.
  std::string Field(const CsvRow& row, int column) const;
};

// The most rows one file may hold (a trust's export has a few hundred
// thousand enrollments).
inline constexpr size_t kMaxCsvRows = 2'000'000;

// Reads `text`, the whole file called `file`. Invalid, naming the file,
// when it is empty, holds binary data, has a header with an empty or
// repeated column name, or more than kMaxCsvRows rows.
Result<CsvTable> ReadCsv(const std::string& file, std::string_view text);

}  // namespace attune::import
