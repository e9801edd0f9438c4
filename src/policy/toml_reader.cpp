#include "policy/toml_reader.h"

namespace attune::policy {

void TomlReader::Error(const toml::source_region& at, std::string message) {
  out_.push_back({true, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column),
                  std::move(message)});
}

void TomlReader::Warning(const toml::source_region& at, std::string message) {
  out_.push_back({false, static_cast<int>(at.begin.line), static_cast<int>(at.begin.column),
                  std::move(message)});
}

std::string TomlReader::TypeName(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "text";
    case toml::node_type::integer:
      return "a whole number";
    case toml::node_type::floating_point:
      return "a decimal number";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date and time";
    default:
      return "nothing";
  }
}

bool TomlReader::IsIdentifier(std::string_view s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void TomlReader::OnlyKeys(const toml::table& table, std::initializer_list<const char*> allowed,
                          const std::string& where) {
  for (auto&& [key, node] : table) {
    bool known = false;
    for (const char* a : allowed) known = known || key.str() == a;
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
    Error(key.source(), "unknown key '" + std::string(key.str()) + "' in " + where +
                            "; expected one of: " + list);
  }
}

std::optional<std::string> TomlReader::Text(const toml::table& t, const char* key, bool required,
                                            const std::string& where) {
  const toml::node* node = t.get(key);
  if (!node) {
    if (required) Error(t.source(), where + " needs '" + key + "' (text)");
    return std::nullopt;
  }
  auto value = node->value<std::string>();
  if (!value) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(*node) +
                              ", expected text in quotes");
    return std::nullopt;
  }
  if (value->size() > 20000) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + " is too long");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> TomlReader::Id(const toml::table& t, const char* key,
                                          const std::string& where) {
  auto value = Text(t, key, true, where);
  if (!value) return std::nullopt;
  if (!IsIdentifier(*value)) {
    Error(t.get(key)->source(), "'" + std::string(key) + "' in " + where + ": found \"" + *value +
                                    "\", expected an identifier (a-z, 0-9 and _, starting "
                                    "with a letter)");
    return std::nullopt;
  }
  return value;
}

std::optional<long long> TomlReader::Int(const toml::table& t, const char* key, long long min,
                                         long long max, const std::string& where) {
  const toml::node* node = t.get(key);
  if (!node) return std::nullopt;
  auto value = node->value_exact<int64_t>();
  if (!value) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(*node) +
                              ", expected a whole number");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " +
                              std::to_string(*value) + ", expected a number from " +
                              std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return *value;
}

std::optional<bool> TomlReader::Bool(const toml::table& t, const char* key,
                                     const std::string& where) {
  const toml::node* node = t.get(key);
  if (!node) return std::nullopt;
  auto value = node->value_exact<bool>();
  if (!value) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(*node) +
                              ", expected true or false");
  }
  return value;
}

std::vector<std::string> TomlReader::TextList(const toml::table& t, const char* key,
                                              const std::string& where) {
  std::vector<std::string> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(*node) +
                              ", expected a list like [\"a\", \"b\"]");
    return out;
  }
  for (const auto& item : *array) {
    auto value = item.value<std::string>();
    if (!value) {
      Error(item.source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(item) +
                               " in the list, expected text");
      continue;
    }
    out.push_back(*value);
  }
  return out;
}

std::optional<std::string> TomlReader::Choice(const toml::table& t, const char* key,
                                              const std::vector<std::string>& choices,
                                              bool required, const std::string& where) {
  auto value = Text(t, key, required, where);
  if (!value) return std::nullopt;
  for (const auto& c : choices) {
    if (*value == c) return value;
  }
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  Error(t.get(key)->source(), "'" + std::string(key) + "' in " + where + ": found \"" + *value +
                                  "\", expected one of: " + list);
  return std::nullopt;
}

std::vector<const toml::table*> TomlReader::Tables(const toml::table& t, const char* key,
                                                   const std::string& where) {
  std::vector<const toml::table*> out;
  const toml::node* node = t.get(key);
  if (!node) return out;
  const toml::array* array = node->as_array();
  if (!array) {
    Error(node->source(), "'" + std::string(key) + "': found " + TypeName(*node) +
                              ", expected tables written as [[" + key + "]]");
    return out;
  }
  for (const auto& item : *array) {
    if (const toml::table* table = item.as_table()) {
      out.push_back(table);
    } else {
      Error(item.source(), "'" + std::string(key) + "': found " + TypeName(item) +
                               ", expected a table written as [[" + key + "]]");
    }
  }
  return out;
}

const toml::table* TomlReader::Table(const toml::table& t, const char* key,
                                     const std::string& where) {
  const toml::node* node = t.get(key);
  if (!node) return nullptr;
  const toml::table* table = node->as_table();
  if (!table) {
    Error(node->source(), "'" + std::string(key) + "' in " + where + ": found " + TypeName(*node) +
                              ", expected a table [" + key + "]");
  }
  return table;
}

}  // namespace attune::policy
