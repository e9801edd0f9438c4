// Force-included (-include) into the fuzz build by scripts/fuzz-policy.sh.
//
// attune links the Debian toml++ library, built with NDEBUG, so toml++'s own
// assertions are off in production and a failed one is not a crash there.
// Several of its parser preconditions do fail on malformed input (for
// example "[\x0f]" in parse_key(), "x = [1,}" in parse_value(); see
// tests/fuzz/README.md), and the parser then reports an ordinary parse
// error. So the fuzz build logs each failing assertion once, to stderr, and
// carries on as the release build does; ASan and UBSan still catch any
// memory error or undefined behaviour that follows.
#pragma once

#include <cstdio>

namespace attune_fuzz {

inline void TomlAssertFailed(const char* expr, const char* file, int line) {
  static int seen_lines[64];
  static int seen = 0;
  for (int i = 0; i < seen; ++i) {
    if (seen_lines[i] == line) return;
  }
  if (seen < 64) seen_lines[seen++] = line;
  std::fprintf(stderr, "toml++ assertion failed (ignored, as in release builds): %s at %s:%d\n",
               expr, file, line);
}

}  // namespace attune_fuzz

#define TOML_ASSERT(expr) \
  ((expr) ? static_cast<void>(0) : ::attune_fuzz::TomlAssertFailed(#expr, __FILE__, __LINE__))
