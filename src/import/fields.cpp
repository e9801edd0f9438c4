// Values of an MIS export (fields.h).
#include "import/fields.h"

#include <algorithm>
#include <cctype>

#include "import/export_table.h"

namespace attune::import {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Result<int> ParseYearGroup(std::string_view text) {
  std::string t = Lower(text);
  std::string words = "\"" + std::string(text) +
                      "\" is not a year group attune understands; write it as \"Year 7\", "
                      "\"07\" or \"R\" for Reception";
  if (t == "r" || t == "reception" || t == "yr" || t == "year r") return 0;
  for (std::string_view prefix : {"year", "yr", "y"}) {
    if (t.rfind(prefix, 0) == 0) {
      t.erase(0, prefix.size());
      break;
    }
  }
  // Only spaces may follow "Year": "-1", "Y-9" and the like are refused,
  // never read as the year without their sign.
  while (!t.empty() && t.front() == ' ') t.erase(0, 1);
  if (t.empty() || t.size() > 2) return Status::Invalid(words);
  int year = 0;
  for (char c : t) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return Status::Invalid(words);
    year = year * 10 + (c - '0');
  }
  if (year > 14) return Status::Invalid(words);
  return year;
}

Result<int> ParseClassYearGroup(std::string_view text) {
  std::vector<std::string> items = SplitList(text);
  if (items.empty()) return ParseYearGroup(text);
  int lowest = 99;
  for (const auto& item : items) {
    auto year = ParseYearGroup(item);
    if (!year.ok()) return year.status();
    lowest = std::min(lowest, *year);
  }
  return lowest;
}

std::optional<std::string> ParseSex(std::string_view text) {
  std::string t = Lower(text);
  if (t == "female" || t == "f") return "F";
  if (t == "male" || t == "m") return "M";
  return std::nullopt;
}

std::optional<bool> ParseYesNo(std::string_view text) {
  std::string t = Lower(text);
  if (t == "yes" || t == "y" || t == "true" || t == "1") return true;
  if (t == "no" || t == "n" || t == "false" || t == "0") return false;
  return std::nullopt;
}

Result<Date> ParseExportDate(std::string_view text) {
  std::string_view day = text.substr(0, text.find('T'));
  auto parsed = ParseDate(day);
  if (parsed.ok() && (day.size() == text.size() || text.size() > 11)) return parsed;
  return Status::Invalid("\"" + std::string(text) +
                         "\" is not a date; write dates as YYYY-MM-DD, for example 2013-09-01");
}

}  // namespace attune::import
