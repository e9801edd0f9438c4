// One file of an export as it is read (export_table.h).
#include "import/export_table.h"

namespace attune::import {

Result<ExportTable> ExportTable::Read(const std::string& file, std::string_view text, Export& out) {
  auto table = ReadCsv(file, text);
  if (!table.ok()) return table.status();
  for (const auto& p : table->problems) out.problems.push_back({{file, p.line}, p.message});
  return ExportTable(std::move(*table), out);
}

Status ExportTable::Need(std::initializer_list<std::string_view> names) const {
  for (std::string_view name : names) {
    if (Column(name) >= 0) continue;
    std::string all;
    for (std::string_view n : names) all += (all.empty() ? "" : ", ") + std::string(n);
    return Status::Invalid(table_.file + ":1: the header has no column \"" + std::string(name) +
                           "\"; this file needs the columns " + all);
  }
  return Status::Ok();
}

void ExportTable::Problem(const CsvRow& row, std::string message) {
  out_->problems.push_back({At(row), std::move(message)});
}

std::optional<std::string> ExportTable::Required(const CsvRow& row, int column,
                                                 std::string_view name) {
  std::string value = Field(row, column);
  if (!value.empty()) return value;
  Problem(row, std::string(name) + " is empty; this row needs one");
  return std::nullopt;
}

std::optional<std::string> ExportTable::Id(const CsvRow& row, int column, std::string_view name,
                                           std::string (*normal)(std::string_view)) {
  auto id = Required(row, column, name);
  if (!id) {
    ++unidentified_;
    return std::nullopt;
  }
  if (normal) id = normal(*id);
  auto [it, fresh] = ids_.emplace(*id, row.line);
  if (fresh) return id;
  Problem(row, std::string(name) + " \"" + *id + "\" is used twice: line " +
                   std::to_string(it->second) + " has it too");
  return std::nullopt;
}

std::vector<std::string> ExportTable::UnreadableIds(int column) const {
  std::vector<std::string> out;
  for (const auto& row : table_.unreadable) {
    std::string id = Field(row, column);
    if (!id.empty()) out.push_back(std::move(id));
  }
  return out;
}

std::optional<bool> ExportTable::Leaving(const CsvRow& row, int column) {
  std::string status = Field(row, column);
  if (status.empty() || status == "active") return false;
  if (status == "tobedeleted") return true;
  Problem(row, "status \"" + status +
                   "\" is not one OneRoster has; it should be active or "
                   "tobedeleted");
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace attune::import
