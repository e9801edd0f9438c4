// "Download (CSV)" for every list: RFC 4180 text a spreadsheet opens as it
// is, and an audit entry for each download, because a file that leaves
// attune is out of its reach (DESIGN.md §6).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// Builds the CSV text row by row. Cells are quoted where they hold a comma,
// quote or line break; a cell a spreadsheet would run as a formula (starting
// =, +, -, @, tab or carriage return) is prefixed with an apostrophe.
class CsvWriter {
 public:
  void Row(const std::vector<std::string>& cells);
  // Rows written so far, the header included.
  int rows() const { return rows_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  int rows_ = 0;
};

// The download of `csv` as `filename` (ASCII, no quotes): audited first as
// "export.csv" with `list` and the number of data rows in its detail, so a
// download no one can account for never happens. 503 when the entry
// cannot be queued.
http::Response CsvDownload(const WebContext& ctx, const http::Request& req, std::string_view list,
                           std::string_view filename, const CsvWriter& csv);

}  // namespace attune::web
