// Typed reading of a parsed TOML table with diagnostics: unknown keys, wrong
// types and missing required keys are reported at their line and column.
// Internal to the loader.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "policy/loader.h"

namespace attune::policy {

class TomlReader {
 public:
  explicit TomlReader(std::vector<Diagnostic>& out) : out_(out) {}

  void Error(const toml::source_region& at, std::string message);
  void Warning(const toml::source_region& at, std::string message);

  // Reports every key of `table` not in `allowed`, with the nearest allowed
  // key when one is close. `where` names the table.
  void OnlyKeys(const toml::table& table, std::initializer_list<const char*> allowed,
                const std::string& where);

  std::optional<std::string> Text(const toml::table& t, const char* key, bool required,
                                  const std::string& where);
  // An identifier: a-z, 0-9 and _, starting with a letter.
  std::optional<std::string> Id(const toml::table& t, const char* key, const std::string& where);
  std::optional<long long> Int(const toml::table& t, const char* key, long long min, long long max,
                               const std::string& where);
  std::optional<bool> Bool(const toml::table& t, const char* key, const std::string& where);
  std::vector<std::string> TextList(const toml::table& t, const char* key,
                                    const std::string& where);
  // One of `choices`; reports what was found and the choices.
  std::optional<std::string> Choice(const toml::table& t, const char* key,
                                    const std::vector<std::string>& choices, bool required,
                                    const std::string& where);
  // The tables of an array of tables `[[key]]` (empty when absent).
  std::vector<const toml::table*> Tables(const toml::table& t, const char* key,
                                         const std::string& where);
  const toml::table* Table(const toml::table& t, const char* key, const std::string& where);

  static std::string TypeName(const toml::node& node);
  static bool IsIdentifier(std::string_view s);
  // The one of `choices` nearest to `word` (a typing slip away), or "".
  static std::string Nearest(std::string_view word, const std::vector<std::string>& choices);
  // " (did you mean 'x'?)" for the nearest choice, or "".
  static std::string DidYouMean(std::string_view word, const std::vector<std::string>& choices);
  // "a, b or c".
  static std::string Listed(const std::vector<std::string>& items, const char* last = " or ");

 private:
  std::vector<Diagnostic>& out_;
};

}  // namespace attune::policy
