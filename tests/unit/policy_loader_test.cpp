// The policy loader and checker: shipped policies load cleanly; broken ones
// are reported with line, column, what was found and what was expected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/explain.h"
#include "policy/loader.h"
#include "policy/simulate.h"

namespace attune::policy {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* kMinimal = R"(format = 1
[school]
name = "Test School"
[[steps]]
id = "reminder"
name = "Reminder"
[[categories]]
id = "calling_out"
name = "Calling out"
class = "low_level"
default_step = "reminder"
[guards.physical_intervention]
[guards.senco_advice]
from_step = "reminder"
)";

std::string Errors(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += FormatDiagnostic("p.toml", d) + "\n";
  return out;
}

TEST(PolicyLoader, EveryShippedPolicyIsValidWithoutWarnings) {
  int count = 0;
  for (const auto& e : fs::directory_iterator(fs::path(ATTUNE_SOURCE_DIR) / "policies")) {
    if (e.path().extension() != ".toml") continue;
    ++count;
    LoadResult r = LoadPolicy(Read(e.path()));
    EXPECT_TRUE(r.ok()) << e.path() << "\n" << Errors(r);
    EXPECT_EQ(r.warnings(), 0) << e.path() << "\n" << Errors(r);
    if (r.ok()) {
      EXPECT_FALSE(ExplainAsText(*r.policy).empty());
    }
  }
  EXPECT_GE(count, 4);
}

TEST(PolicyLoader, MinimalPolicyLoads) {
  LoadResult r = LoadPolicy(kMinimal);
  ASSERT_TRUE(r.ok()) << Errors(r);
  EXPECT_EQ(r.policy->steps.size(), 1u);
  EXPECT_NE(r.policy->FindCategory("calling_out"), nullptr);
}

TEST(PolicyLoader, CorruptedShippedPolicyFailsWithLineAndColumn) {
  std::string text = Read(fs::path(ATTUNE_SOURCE_DIR) / "policies/004_blue_sky_learning.toml");
  size_t at = text.find("class = \"low_level\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 19, "class = \"lowlevel\"");
  int line =
      1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  LoadResult r = LoadPolicy(text);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.errors(), 1) << Errors(r);
  const Diagnostic& d = r.diagnostics.front();
  EXPECT_EQ(d.line, line);
  EXPECT_EQ(d.column, 9);  // where the value starts
  EXPECT_NE(d.message.find("found \"lowlevel\""), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("expected one of: prosocial, low_level"), std::string::npos);
}

TEST(PolicyLoader, SyntaxErrorsHavePlaces) {
  LoadResult r = LoadPolicy("format = 1\n[school]\nname = \"unterminated\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics.front().line, 3);
  EXPECT_NE(r.diagnostics.front().message.find("not valid TOML"), std::string::npos);
}

TEST(PolicyLoader, UnknownKeysAndBadReferencesAreErrors) {
  std::string text = kMinimal;
  text +=
      "[[escalations]]\nid = \"x\"\ncount = 3\nwindow = \"fortnight\"\nstep = \"nope\"\n"
      "propose_plan = \"missing\"\ncolour = \"red\"\n";
  LoadResult r = LoadPolicy(text);
  std::string all = Errors(r);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(all.find("unknown key 'colour'"), std::string::npos) << all;
  EXPECT_NE(all.find("expected one of: lesson, day, week, half_term, term, school_year, "
                     "marking_period, rolling_days:N"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("found \"nope\", expected one of the steps' ids (reminder)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("expected a [[plans]] id"), std::string::npos) << all;
}

TEST(PolicyLoader, OnlyARoleThatMayDecideASuspensionIsGivenIt) {
  std::string text = kMinimal;
  LoadResult ok = LoadPolicy(text + "[guards.suspension]\ndecided_by = \"senior\"\n");
  ASSERT_TRUE(ok.ok()) << Errors(ok);
  EXPECT_EQ(ok.policy->guards.suspension_decided_by, "senior");
  // A teacher may not decide one in attune, so the action would sit with
  // someone who cannot complete it.
  LoadResult r = LoadPolicy(text + "[guards.suspension]\ndecided_by = \"teacher\"\n");
  ASSERT_FALSE(r.ok());
  std::string all = Errors(r);
  EXPECT_NE(all.find("found \"teacher\", expected one of: senior"), std::string::npos) << all;
  EXPECT_EQ(r.diagnostics.front().line, 16) << all;
}

TEST(PolicyLoader, SuspiciousButLegalThingsAreWarnings) {
  std::string text = R"(format = 1
[school]
name = "T"
[[steps]]
id = "first"
name = "First"
[[steps]]
id = "second"
name = "Second"
[[steps.actions]]
kind = "phone_call_home"
due = "same_day 17:00"
[[categories]]
id = "a"
name = "A"
class = "difficult"
default_step = "second"
[[categories]]
id = "b"
name = "B"
class = "low_level"
default_step = "second"
[[categories]]
id = "c"
name = "C"
class = "difficult"
[[consequences]]
id = "home"
name = "Sent home"
kind = "protective"
off_site = true
)";
  LoadResult r = LoadPolicy(text);
  std::string all = Errors(r);
  ASSERT_TRUE(r.ok()) << all;
  EXPECT_NE(all.find("has no default_step"), std::string::npos) << all;
  EXPECT_NE(all.find("formal suspension"), std::string::npos) << all;
  EXPECT_NE(all.find("no [guards.physical_intervention]"), std::string::npos) << all;
}

TEST(PolicyLoader, UnreachableStepIsAWarning) {
  std::string text = kMinimal;
  size_t at = text.find("[[categories]]");
  text.insert(at, "[[steps]]\nid = \"second\"\nname = \"Second\"\n");
  text.replace(text.find("default_step = \"reminder\""), 25, "default_step = \"second\"");
  LoadResult r = LoadPolicy(text);
  std::string all = Errors(r);
  EXPECT_NE(all.find("step 'reminder' cannot be reached"), std::string::npos) << all;
}

TEST(HistoryCsv, ReportsTheLineAndColumnAtFault) {
  auto bad = ParseHistoryCsv(
      "pupil,at,category,class\n1,2026-11-23 10:00,x,low_level\n"
      "2,2026-11-23 25:00,x,low_level\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 3, column 'at'"), std::string::npos);
  EXPECT_FALSE(ParseHistoryCsv("who,when\n").ok());
  EXPECT_FALSE(ParseHistoryCsv("pupil,at,category,class\n1,2026-11-23 10:00,x,bad\n").ok());
  auto ok = ParseHistoryCsv("pupil,at,category,class,sen\n1,2026-11-23T10:00:00Z,x,difficult,E\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->front().sen, "E");
}

TEST(Simulate, CountsWeeklyActionsAndMapsUnknownCategoriesByClass) {
  LoadResult r =
      LoadPolicy(Read(fs::path(ATTUNE_SOURCE_DIR) / "policies/004_blue_sky_learning.toml"));
  ASSERT_TRUE(r.ok());
  std::vector<CalendarEntry> calendar = {
      {1, 1, "half_term", "Autumn 2", *ParseDate("2026-11-02"), *ParseDate("2026-12-18")}};
  std::vector<Period> periods = {{1, 1, 1, "P1", 9 * 60, 10 * 60, true},
                                 {2, 1, 2, "P2", 10 * 60, 11 * 60, true}};
  SchoolTime time(calendar, periods);
  auto rows = ParseHistoryCsv(
      "pupil,at,category,class\n"
      "1,2026-11-23 09:10,from_another_school,difficult\n"
      "1,2026-11-24 09:10,from_another_school,difficult\n"
      "2,2026-11-30 09:10,kindness,\n"
      "3,2026-11-30 09:20,unknown_without_class,\n");
  ASSERT_TRUE(rows.ok());
  Simulation sim = Simulate(*r.policy, time, *rows);
  ASSERT_EQ(sim.weeks.size(), 2u);
  EXPECT_EQ(sim.weeks[0].records, 2);
  EXPECT_EQ(sim.weeks[0].stepped, 2);
  EXPECT_GT(sim.weeks[0].actions["phone_call_home"], 0);
  EXPECT_EQ(sim.weeks[1].records, 1);
  EXPECT_EQ(sim.unmapped, 1);
  EXPECT_NE(FormatWorkload(sim).find("Phone call home"), std::string::npos);
}

}  // namespace
}  // namespace attune::policy

namespace attune::policy {
namespace {

TEST(PolicyLoader, DeepNestingIsRefusedBeforeParsingEvenAfterQuoteRuns) {
  std::string keys;
  for (int i = 0; i < 100; ++i) keys += "k.";
  for (const char* prefix : {"x = [\"\"\"a\"\"\"\", {", "x = ['''a'''', {", "x = [\"a\", {"}) {
    std::string text = std::string("format = 1\n") + prefix + keys + "k = 1}]\n";
    LoadResult r = LoadPolicy(text);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.diagnostics.front().message.find("nested more than 64 levels"), std::string::npos)
        << prefix << ": " << r.diagnostics.front().message;
    EXPECT_EQ(r.diagnostics.front().line, 2);
  }
  // Prose with many full stops inside strings is not nesting.
  std::string prose = "format = 1\n[school]\nname = \"" + std::string(300, '.') + "\"\n";
  for (const auto& d : LoadPolicy(prose).diagnostics) {
    EXPECT_EQ(d.message.find("nested"), std::string::npos) << d.message;
  }
}

TEST(PolicyLoader, RollingWindowTakesPlainDigitsOnly) {
  std::string text = kMinimal;
  text +=
      "[[plans]]\nid = \"p\"\nname = \"P\"\n[[escalations]]\nid = \"e\"\ncount = 2\n"
      "window = \"rolling_days: +5\"\nclass = \"low_level\"\npropose_plan = \"p\"\n";
  EXPECT_FALSE(LoadPolicy(text).ok());
}

}  // namespace
}  // namespace attune::policy
