// Reading policy files and their diagnostics in the policy unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "policy/loader.h"

namespace attune::policy_text {

inline const std::filesystem::path kRoot = ATTUNE_SOURCE_DIR;

// The whole of the text file at `p` ("" when it cannot be read).
inline std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every diagnostic of `r`, one a line, as `attune policy check` prints them.
inline std::string All(const policy::LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += policy::FormatDiagnostic("p.toml", d) + "\n";
  return out;
}

}  // namespace attune::policy_text
