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

Status CheckName(std::string_view column, std::string_view value) {
  size_t characters = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    // C0 controls and DEL; C1 controls are U+0080 to U+009F (0xC2 0x80-0x9F).
    bool control =
        c < 0x20 || c == 0x7F ||
        (c == 0xC2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) < 0xA0);
    if (control) {
      return Status::Invalid(std::string(column) +
                             " holds a line break, tab or other control character; a name is "
                             "one line of text");
    }
    characters += (c & 0xC0) != 0x80;
  }
  if (characters > kMaxImportedName) {
    return Status::Invalid(std::string(column) + " is " + std::to_string(characters) +
                           " characters long; attune keeps names of at most " +
                           std::to_string(kMaxImportedName) +
                           " characters, as its staff form does");
  }
  return Status::Ok();
}

Result<Date> ParseBirthDate(std::string_view text, Date today) {
  auto day = ParseExportDate(text);
  if (!day.ok() || *day <= today) return day;
  return Status::Invalid("\"" + std::string(text) +
                         "\" is in the future; a date of birth is a day that has been");
}

}  // namespace attune::import
