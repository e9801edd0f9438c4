#include "policy/toml_reader.h"

#include <algorithm>
#include <cctype>

namespace attune::policy {
namespace {

// Edits between a and b, a swap of neighbours counting as one (optimal
// string alignment distance), ignoring case.
size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  auto lower = [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  };
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::string TomlReader::Nearest(std::string_view word, const std::vector<std::string>& choices) {
  if (word.empty() || word.size() > 100) return "";
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : choices) {
    size_t d = Distance(word, c);
    // A word inside a longer key ("step" in "default_step") is near too.
    if (d >= best_distance && word.size() >= 4 && c.find(word) != std::string::npos) {
      d = best_distance - 1;
    }
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

std::string TomlReader::DidYouMean(std::string_view word, const std::vector<std::string>& choices) {
  std::string near = Nearest(word, choices);
  return near.empty() ? "" : " (did you mean '" + near + "'?)";
}

std::string TomlReader::Listed(const std::vector<std::string>& items, const char* last) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == items.size() ? last : ", ") + items[i];
  }
  return out;
}

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
  std::vector<std::string> keys(allowed.begin(), allowed.end());
  for (auto&& [key, node] : table) {
    if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
    std::string near = Nearest(key.str(), keys);
    Error(key.source(), "unknown key '" + std::string(key.str()) + "' in " + where +
                            (near.empty() ? "." : ": did you mean '" + near + "'?") +
                            " The keys allowed here are: " + Listed(keys, ", ") + ".");
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
  Error(t.get(key)->source(), "'" + std::string(key) + "' in " + where + ": found \"" + *value +
                                  "\", expected one of: " + Listed(choices, ", ") +
                                  DidYouMean(*value, choices));
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
