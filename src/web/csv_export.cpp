#include "web/csv_export.h"

#include "services/audit.h"
#include "web/site.h"

namespace attune::web {
namespace {

bool RunsAsFormula(std::string_view cell) {
  if (cell.empty()) return false;
  char c = cell.front();
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void AppendCell(std::string& out, std::string_view cell) {
  std::string value;
  if (RunsAsFormula(cell)) value.push_back('\'');
  value.append(cell);
  bool quote = value.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) {
    out += value;
    return;
  }
  out.push_back('"');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

void CsvWriter::Row(const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) text_.push_back(',');
    AppendCell(text_, cells[i]);
  }
  text_ += "\r\n";
  ++rows_;
}

http::Response CsvDownload(const WebContext& ctx, const http::Request& req, std::string_view list,
                           std::string_view filename, const CsvWriter& csv) {
  int data_rows = csv.rows() > 0 ? csv.rows() - 1 : 0;
  Status audited =
      AuditRead(ctx.store, *req.principal, "export.csv", "", 0,
                std::string(list) + ": " + std::to_string(data_rows) + " rows", req.ip);
  if (!audited.ok()) return RenderError(ctx, req, audited);
  http::Response response;
  response.content_type = "text/csv; charset=utf-8";
  // A byte-order mark so spreadsheets read the names' accents as UTF-8.
  response.body = "\xEF\xBB\xBF" + csv.text();
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"" + std::string(filename) + "\"");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

}  // namespace attune::web
