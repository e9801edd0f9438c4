// The HTTP fuzz target's corpus (tests/fuzz/corpus/http/, scripts/fuzz-http.sh)
// as a regression test: every input it kept, and every crash it found (in
// tests/fuzz/crashes/http/), must pass the target's checks
// (tests/fuzz/http_request_checks.h), which abort when one fails.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "../fuzz/http_request_checks.h"
#include "fuzz_files.h"

namespace attune::http {
namespace {

namespace fs = std::filesystem;
using attune::fuzz_files::FilesIn;
using attune::fuzz_files::kFuzzDir;
using attune::fuzz_files::ReadBytes;

// In a child process, so an input that still fails aborts the child (naming
// the file), not the run.
void ExpectPassesInChild(const fs::path& path) {
  EXPECT_EXIT(
      {
        std::string bytes = ReadBytes(path);
        attune_fuzz::CheckHttpInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        std::exit(0);
      },
      ::testing::ExitedWithCode(0), "")
      << "the HTTP fuzz checks fail on " << path;
}

TEST(HttpCorpus, EveryCorpusInputPassesTheChecks) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  std::vector<fs::path> files = FilesIn(kFuzzDir / "corpus" / "http");
  ASSERT_GE(files.size(), 8u) << "expected the fuzz corpus in " << (kFuzzDir / "corpus" / "http");
  for (const auto& path : files) ExpectPassesInChild(path);
}

TEST(HttpCorpus, EveryCrashFoundByTheFuzzerNowPasses) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  for (const auto& path : FilesIn(kFuzzDir / "crashes" / "http")) ExpectPassesInChild(path);
}

}  // namespace
}  // namespace attune::http
