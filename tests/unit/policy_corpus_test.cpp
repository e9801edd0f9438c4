// The policy loader's fuzz corpus (tests/fuzz/, scripts/fuzz-policy.sh) as a
// regression test: every input the fuzzer kept, and every crash it found,
// must load without crashing and with well-formed diagnostics.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz_files.h"
#include "policy/explain.h"
#include "policy/loader.h"

namespace attune::policy {
namespace {

namespace fs = std::filesystem;
using attune::fuzz_files::FilesIn;
using attune::fuzz_files::kFuzzDir;
using attune::fuzz_files::ReadBytes;

// What the fuzz harness checks, without aborting.
void ExpectLoadsCleanly(const fs::path& path) {
  SCOPED_TRACE(path.string());
  std::string text = ReadBytes(path);
  LoadResult result = LoadPolicy(text);
  EXPECT_EQ(result.ok(), result.errors() == 0);
  for (const Diagnostic& d : result.diagnostics) {
    EXPECT_GE(d.line, 0);
    EXPECT_GE(d.column, 0);
    EXPECT_FALSE(d.message.empty());
    EXPECT_FALSE(FormatDiagnostic(path.filename().string(), d).empty());
  }
  if (result.ok()) EXPECT_FALSE(ExplainAsText(*result.policy).empty());
}

TEST(PolicyCorpus, EveryCorpusFileLoadsWithoutCrashing) {
  std::vector<fs::path> files = FilesIn(kFuzzDir / "corpus" / "policy");
  // The corpus is committed: if it disappears, this test should say so.
  ASSERT_GE(files.size(), 10u) << "expected the fuzz corpus in "
                               << (kFuzzDir / "corpus" / "policy");
  for (const auto& path : files) ExpectLoadsCleanly(path);
}

// The same checks in a child process, so that an input that still crashes
// the loader fails this test (naming the file) instead of killing the run.
void ExpectLoadsCleanlyInChild(const fs::path& path) {
  EXPECT_EXIT(
      {
        std::string text = ReadBytes(path);
        LoadResult result = LoadPolicy(text);
        bool good = result.ok() == (result.errors() == 0);
        for (const Diagnostic& d : result.diagnostics) {
          good = good && d.line >= 0 && d.column >= 0 && !d.message.empty() &&
                 !FormatDiagnostic("policy.toml", d).empty();
        }
        if (result.ok()) good = good && !ExplainAsText(*result.policy).empty();
        std::exit(good ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "")
      << "LoadPolicy crashed on, or gave a malformed diagnostic for, " << path
      << " (exit code 1: a malformed diagnostic; a signal: a crash)";
}

TEST(PolicyCorpus, EveryCrashFoundByTheFuzzerNowLoads) {
  // fork() and exec() again for each file: other tests may have started threads.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  // Absent when the fuzzer never found one.
  for (const auto& path : FilesIn(kFuzzDir / "crashes")) ExpectLoadsCleanlyInChild(path);
}

TEST(PolicyCorpus, ValidSeedsStillLoad) {
  // The hand-written valid seeds let the fuzzer reach the explainer; if the
  // format changes, update them (and docs/policy.md) together.
  for (const char* name : {"minimal_valid.toml", "full_valid.toml", "bands_roles_valid.toml"}) {
    fs::path path = kFuzzDir / "corpus" / "policy" / name;
    SCOPED_TRACE(path.string());
    ASSERT_TRUE(fs::exists(path));
    LoadResult result = LoadPolicy(ReadBytes(path));
    for (const Diagnostic& d : result.diagnostics) {
      if (d.error) ADD_FAILURE() << FormatDiagnostic(name, d);
    }
    EXPECT_TRUE(result.ok());
  }
}

}  // namespace
}  // namespace attune::policy
