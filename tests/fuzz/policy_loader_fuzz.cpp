// libFuzzer target for the policy loader (src/policy/loader.h): whatever the
// bytes, LoadPolicy must return diagnostics, never crash, hang or leak.
// When a policy loads, it is also explained, to reach explain.cpp and the
// deadline and label code. Build and run with scripts/fuzz-policy.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "policy/explain.h"
#include "policy/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  attune::policy::LoadResult result = attune::policy::LoadPolicy(text);

  // The contract the callers (attune policy check) rely on.
  if (result.ok() && result.errors() != 0) std::abort();
  if (!result.ok() && result.errors() == 0) std::abort();
  for (const auto& d : result.diagnostics) {
    if (d.line < 0 || d.column < 0 || d.message.empty()) std::abort();
    std::string line = attune::policy::FormatDiagnostic("policy.toml", d);
    if (line.empty()) std::abort();
  }
  if (result.ok()) {
    std::string text_out = attune::policy::ExplainAsText(*result.policy);
    if (text_out.empty()) std::abort();
  }
  return 0;
}
