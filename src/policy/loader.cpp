#include "policy/loader.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "policy/builder.h"

namespace attune::policy {
namespace {

// The arrays of tables whose ids must be unique, and what each holds.
constexpr std::pair<const char*, const char*> kIdLists[] = {{"values", "value"},
                                                            {"bands", "band"},
                                                            {"categories", "category"},
                                                            {"steps", "step"},
                                                            {"escalations", "escalation"},
                                                            {"consequences", "consequence"},
                                                            {"rewards", "reward"},
                                                            {"plans", "plan"},
                                                            {"roles", "role"},
                                                            {"functions", "function"},
                                                            {"training", "training"}};

std::string At(const toml::source_region& r) {
  return "line " + std::to_string(r.begin.line) + ", column " + std::to_string(r.begin.column);
}

// toml++'s description of a syntax error, in words a school can act on.
std::string PlainSyntax(std::string_view description) {
  std::string d(description);
  auto has = [&](const char* s) { return d.find(s) != std::string::npos; };
  std::string plain;
  if (has("parsing string") && (has("end-of-file") || has("control characters"))) {
    // A line break inside "..." is the usual cause.
    plain =
        "a text in quotes is not closed on its line: end it with \" on the same line, or "
        "use three quotes (\"\"\") for text over several lines";
  } else if (has("cannot redefine existing")) {
    plain =
        "this is given twice: a key can appear only once in a table, and a [table] only "
        "once in the file (use [[name]] for a list of tables)";
  } else if (has("expected '='")) {
    plain = "a key must be followed by = and its value, e.g. name = \"Time in\"";
  } else if (has("could not be interpreted as a value") || has("could not determine value type") ||
             has("expected value,")) {
    plain =
        "this value is not understood: put text in double quotes (\"like this\"), write "
        "true or false in lower case, and numbers without quotes";
  } else if (has("expected comma or closing ']'") || has("expected value or closing ']'")) {
    plain = "a list needs a comma between its items and a ] at its end, e.g. [\"a\", \"b\"]";
  } else if (has("expected comma or closing '}'") || has("closing '}'")) {
    plain =
        "a table written on one line needs a comma between its keys and a } at its end, "
        "e.g. { low_level = \"stage_2\" }";
  } else if (has("expected a comment or whitespace")) {
    plain =
        "there is something after the value on the same line: put each key on its own line, "
        "and start comments with #";
  } else if (has("expected keys, tables") || has("expected bare key")) {
    plain = "a line must start with a key (letters, digits, _ and -), a [table] or a # comment";
  } else if (has("unknown escape sequence")) {
    plain =
        "a backslash in text in double quotes starts an escape such as \\n; write \\\\ for "
        "a backslash, or use single quotes";
  } else if (has("expected ']'")) {
    plain = "a [table] name must end with ] on the same line";
  } else {
    plain = "this is not valid TOML";
  }
  return plain + " (the TOML reader says: " + d + ")";
}

// toml++ recurses once per level of nesting (dotted keys, table headers,
// arrays, inline tables) and overflows the stack after a few thousand levels
// (found by fuzzing: tests/fuzz/crashes/stack-overflow-*). A policy needs a
// handful, so deeper nesting is refused before parsing. Strings and comments
// are skipped so prose cannot trip it.
std::optional<Diagnostic> TooDeep(std::string_view t) {
  constexpr int kMaxDepth = 64;
  int line = 1, column = 0, depth = 0, dots = 0;
  enum { kCode, kBasic, kLiteral, kMultiBasic, kMultiLiteral, kComment } mode = kCode;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    ++column;
    if (c == '\n') {
      ++line;
      column = 0;
      dots = 0;
      if (mode == kComment || mode == kBasic || mode == kLiteral) mode = kCode;
      continue;
    }
    switch (mode) {
      case kComment:
        continue;
      case kBasic:
        if (c == '\\')
          ++i;
        else if (c == '"')
          mode = kCode;
        continue;
      case kLiteral:
        if (c == '\'') mode = kCode;
        continue;
      case kMultiBasic:
      case kMultiLiteral: {
        char quote = mode == kMultiBasic ? '"' : '\'';
        if (mode == kMultiBasic && c == '\\') {
          ++i;
          continue;
        }
        if (c != quote) continue;
        // A run of three to five quotes closes the string: up to two quotes
        // may end its text ("""a"""" is the text a").
        size_t run = 0;
        while (i + run < t.size() && t[i + run] == quote) ++run;
        if (run >= 3) mode = kCode;
        i += run - 1;
        column += static_cast<int>(run - 1);
        continue;
      }
      case kCode:
        break;
    }
    if (c == '#') {
      mode = kComment;
    } else if (c == '"') {
      if (t.substr(i, 3) == "\"\"\"")
        mode = kMultiBasic, i += 2;
      else
        mode = kBasic;
    } else if (c == '\'') {
      if (t.substr(i, 3) == "'''")
        mode = kMultiLiteral, i += 2;
      else
        mode = kLiteral;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    } else if (c == '.') {
      ++dots;
    }
    if (depth > kMaxDepth || dots > kMaxDepth) {
      return Diagnostic{true, line, column,
                        "nested more than " + std::to_string(kMaxDepth) +
                            " levels deep; a policy file never needs this"};
    }
  }
  return std::nullopt;
}

}  // namespace

bool DuplicateIds(const toml::table& root, std::vector<Diagnostic>& out) {
  size_t before = out.size();
  auto check = [&](const toml::node* list, const std::string& what) {
    const toml::array* array = list ? list->as_array() : nullptr;
    if (!array) return;
    std::map<std::string, toml::source_region> first;
    for (const auto& item : *array) {
      const toml::table* t = item.as_table();
      const toml::node* id = t ? t->get("id") : nullptr;
      auto text = id ? id->value<std::string>() : std::nullopt;
      if (!text) continue;
      auto [it, fresh] = first.emplace(*text, id->source());
      if (fresh) continue;
      out.push_back({true, static_cast<int>(id->source().begin.line),
                     static_cast<int>(id->source().begin.column),
                     what + " id '" + *text + "' is used twice: at " + At(it->second) +
                         " and here at " + At(id->source()) +
                         ". Give each its own id; nothing else is checked until then"});
    }
  };
  for (auto [key, what] : kIdLists) check(root.get(key), what);
  if (const toml::table* profile = root["profile"].as_table()) {
    check(profile->get("checklist"), "profile item");
  }
  return out.size() > before;
}

int LoadResult::errors() const {
  return static_cast<int>(
      std::count_if(diagnostics.begin(), diagnostics.end(), [](auto& d) { return d.error; }));
}

int LoadResult::warnings() const { return static_cast<int>(diagnostics.size()) - errors(); }

LoadResult LoadPolicy(std::string_view text) {
  LoadResult result;
  if (text.size() > kMaxPolicyBytes) {
    result.diagnostics.push_back(
        {true, 0, 0, "the policy file is larger than 256 KB; a policy needs far less"});
    return result;
  }
  if (auto deep = TooDeep(text)) {
    result.diagnostics.push_back(*deep);
    return result;
  }
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    const auto& at = e.source().begin;
    result.diagnostics.push_back({true, static_cast<int>(at.line), static_cast<int>(at.column),
                                  "not valid TOML: " + PlainSyntax(e.description())});
    return result;
  }
  if (DuplicateIds(root, result.diagnostics)) return result;
  Policy policy = Builder(root, result.diagnostics).Build();
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  if (result.errors() == 0) {
    policy.BuildIndex();
    result.policy = std::move(policy);
  }
  return result;
}

std::string FormatDiagnostic(const std::string& file, const Diagnostic& d) {
  std::ostringstream out;
  out << file << ":" << d.line << ":" << d.column << ": " << (d.error ? "error" : "warning") << ": "
      << d.message;
  return out.str();
}

}  // namespace attune::policy
