// Reading a policy file: TOML syntax, then every key and reference checked,
// each problem reported with line and column, what was found and what was
// expected. Never throws and never crashes, whatever the input (the loader
// is fuzzed: tests/fuzz/).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy.h"

namespace attune::policy {

// Larger files are refused before parsing (the largest real policy is about
// 40 KB; deeply nested TOML can exhaust the parser's stack).
inline constexpr size_t kMaxPolicyBytes = 256 * 1024;

struct Diagnostic {
  bool error = true;  // false: a warning (suspicious but legal)
  int line = 0;       // 1-based; 0 when the whole file is meant
  int column = 0;
  std::string message;
};

struct LoadResult {
  std::optional<Policy> policy;         // set when there are no errors
  std::vector<Diagnostic> diagnostics;  // in file order

  bool ok() const { return policy.has_value(); }
  int errors() const;
  int warnings() const;
};

// Parses and checks `text`, the contents of a policy file.
LoadResult LoadPolicy(std::string_view text);

// "file:line:column: error: message"
std::string FormatDiagnostic(const std::string& file, const Diagnostic& d);

}  // namespace attune::policy
