// The CSV reader (csv_reader.h): one pass over the text, a record at a time.
#include "import/csv_reader.h"

#include <strings.h>

#include "http/utf8.h"

namespace attune::import {
namespace {

// One record as read, before it is checked.
struct Record {
  int line = 0;
  std::vector<std::string> fields;
  bool unclosed = false;  // a quoted field ran to the end of the file
};

// Reads records from `text` one at a time.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool Done() const { return pos_ >= text_.size(); }

  // The next record, from the start of a line. A blank line is a record
  // with one empty field.
  Record Next() {
    Record r;
    r.line = line_;
    std::string field;
    bool quoted = false;      // inside a quoted field
    bool was_quoted = false;  // this field began with a quote
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (quoted) {
        ++pos_;
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
          field += c;
        }
        continue;
      }
      if (c == ',') {
        r.fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        ++pos_;
        continue;
      }
      if (c == '\r' || c == '\n') {
        ++pos_;
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        break;
      }
      if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
        ++pos_;
        continue;
      }
      // A quote inside an unquoted field, or text after a closing quote,
      // is kept as written: exports from spreadsheets do both.
      field += c;
      ++pos_;
    }
    r.fields.push_back(std::move(field));
    r.unclosed = quoted;
    return r;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

bool BlankRecord(const Record& r) { return r.fields.size() == 1 && r.fields[0].empty(); }

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Invalid naming `file` when `text` is not text at all.
Status CheckIsText(const std::string& file, std::string_view text) {
  if (text.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    return Status::Invalid(file + " is a zip archive, not a CSV file: unzip the export first");
  }
  if (text.substr(0, 8192).find('\0') != std::string_view::npos) {
    return Status::Invalid(file +
                           " is not a CSV file: it holds binary data. Export it again as CSV "
                           "(comma-separated values, UTF-8)");
  }
  return Status::Ok();
}

}  // namespace

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i].size() == name.size() &&
        strncasecmp(header[i].data(), name.data(), name.size()) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::string CsvTable::Field(const CsvRow& row, int column) const {
  if (column < 0 || static_cast<size_t>(column) >= row.fields.size()) return "";
  const std::string& f = row.fields[column];
  size_t a = f.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  size_t b = f.find_last_not_of(" \t");
  return f.substr(a, b - a + 1);
}

Result<CsvTable> ReadCsv(const std::string& file, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  ATTUNE_RETURN_IF_ERROR(CheckIsText(file, text));
  CsvTable table;
  table.file = file;
  Scanner scanner(text);
  // The header: the first line that is not blank.
  while (!scanner.Done() && table.header.empty()) {
    Record r = scanner.Next();
    if (BlankRecord(r)) continue;
    if (r.unclosed) {
      return Status::Invalid(file + ":" + std::to_string(r.line) +
                             ": the header line could not be read; the first line should name "
                             "the columns, separated by commas");
    }
    for (size_t i = 0; i < r.fields.size(); ++i) {
      std::string name = r.fields[i];
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
      while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
      if (!http::ValidUtf8(name)) {
        return Status::Invalid(file + ":" + std::to_string(r.line) +
                               ": the header is not UTF-8 text; save the export as UTF-8");
      }
      if (name.empty()) {
        return Status::Invalid(file + ":" + std::to_string(r.line) + ": column " +
                               std::to_string(i + 1) + " of the header has no name");
      }
      for (const auto& before : table.header) {
        if (before == name) {
          return Status::Invalid(file + ":" + std::to_string(r.line) + ": the header names \"" +
                                 name + "\" twice");
        }
      }
      table.header.push_back(std::move(name));
    }
  }
  if (table.header.empty()) {
    return Status::Invalid(file +
                           " is empty: it should start with a header line naming its columns");
  }
  while (!scanner.Done()) {
    Record r = scanner.Next();
    if (BlankRecord(r)) continue;
    if (r.unclosed) {
      table.problems.push_back(
          {r.line,
           "a quoted field that starts on this line is never closed (a \" is missing); "
           "the rest of the file could not be read"});
      break;
    }
    if (r.fields.size() != table.header.size()) {
      table.problems.push_back({r.line, "has " + Plural(r.fields.size(), "field", "fields") +
                                            " where the header has " +
                                            std::to_string(table.header.size())});
      continue;
    }
    bool text_ok = true;
    for (size_t i = 0; i < r.fields.size(); ++i) {
      if (http::ValidUtf8(r.fields[i])) continue;
      if (text_ok) {
        table.problems.push_back(
            {r.line, "column " + table.header[i] + " is not UTF-8 text; save the export as UTF-8"});
      }
      text_ok = false;
      r.fields[i].clear();
    }
    if (!text_ok) {
      table.unreadable.push_back({r.line, std::move(r.fields)});
      continue;
    }
    if (table.rows.size() >= kMaxCsvRows) {
      return Status::Invalid(file + " has more than " + std::to_string(kMaxCsvRows) +
                             " rows, more than attune imports from one file");
    }
    table.rows.push_back({r.line, std::move(r.fields)});
  }
  return table;
}

}  // namespace attune::import
