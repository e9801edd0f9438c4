// What families see (issue 15, docs/policy.md "[families]"): the defaults
// when a policy says nothing, each override, safeguarding never shared,
// every checker error at its place, and the explanation's "What we share
// with you" in a parent's words, for a school unlike the shipped ones.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "policy/diff.h"
#include "policy/explain.h"
#include "policy/loader.h"
#include "policy_text.h"

namespace attune::policy {
namespace {

using policy_text::All;
using policy_text::kRoot;
using policy_text::Read;

// The line and column (1-based) of `value` on the first line holding `line`.
std::pair<int, int> Where(const std::string& text, const std::string& line,
                          const std::string& value) {
  size_t at = text.find(line);
  EXPECT_NE(at, std::string::npos) << line;
  size_t start = text.rfind('\n', at);
  start = start == std::string::npos ? 0 : start + 1;
  size_t col = text.find(value, at);
  int n = 1;
  for (size_t i = 0; i < start; ++i) n += text[i] == '\n';
  return {n, static_cast<int>(col - start) + 1};
}

// The one error of `r`, which must have exactly one.
Diagnostic OnlyError(const LoadResult& r) {
  Diagnostic found;
  int errors = 0;
  for (const auto& d : r.diagnostics) {
    if (d.error) found = d, ++errors;
  }
  EXPECT_EQ(errors, 1) << All(r);
  return found;
}

// Loads `text` and expects one error, at `value` on the first line holding
// `line`, whose message starts with `message`.
void ExpectErrorAt(const std::string& text, const std::string& line, const std::string& value,
                   const std::string& message) {
  Diagnostic d = OnlyError(LoadPolicy(text));
  auto [at_line, at_column] = Where(text, line, value);
  EXPECT_EQ(d.line, at_line) << d.message;
  EXPECT_EQ(d.column, at_column) << d.message;
  EXPECT_EQ(d.message.substr(0, message.size()), message);
}

// A small valid policy with every class and a safeguarding category.
const std::string kBase = R"(format = 1
[school]
name = "Test School"
[[roles]]
id = "class_lead"
name = "class lead"
attune_role = "pastoral"
[[roles]]
id = "office"
name = "office manager"
attune_role = "admin"
[[steps]]
id = "reminder"
name = "Reminder"
record = "tally"
[[steps]]
id = "reset"
name = "Reset"
[[categories]]
id = "kindness"
name = "Kindness"
class = "prosocial"
[[categories]]
id = "calling_out"
name = "Calling out"
class = "low_level"
default_step = "reminder"
[[categories]]
id = "refusing"
name = "Refusing"
class = "difficult"
default_step = "reset"
[[categories]]
id = "hurting"
name = "Hurting someone"
class = "dangerous"
default_step = "reset"
[[categories]]
id = "worrying_words"
name = "Worrying words"
class = "dangerous"
safeguarding = true
default_step = "reset"
[[rewards]]
id = "postcard"
name = "Postcard"
kind = "postcard"
[[rewards]]
id = "point"
name = "Point"
kind = "points"
[guards.physical_intervention]
[guards.senco_advice]
from_step = "reset"
)";

// kBase with `after` added after the line `line` (the first holding it).
std::string With(const std::string& line, const std::string& after) {
  std::string text = kBase;
  size_t at = text.find(line);
  EXPECT_NE(at, std::string::npos) << line;
  at = text.find('\n', at) + 1;
  text.insert(at, after);
  return text;
}

const Category& Cat(const Policy& p, const char* id) { return *p.FindCategory(id); }

TEST(FamiliesPolicy, APolicyThatSaysNothingSharesOnlyPositiveNotes) {
  LoadResult r = LoadPolicy(kBase);
  ASSERT_TRUE(r.ok()) << All(r);
  const Policy& p = *r.policy;
  EXPECT_FALSE(p.families.declared);
  EXPECT_FALSE(p.families.notes_home);
  EXPECT_TRUE(p.families.reviewed_by.empty());
  ASSERT_EQ(p.families.by_class.size(), 4u);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kProsocial), FamilyShare::kAtOnce);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kLowLevel), FamilyShare::kNever);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kDifficult), FamilyShare::kNever);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kDangerous), FamilyShare::kNever);
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "kindness")), FamilyShare::kAtOnce);
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "hurting")), FamilyShare::kNever);
  EXPECT_FALSE(Cat(p, "kindness").families.has_value());
  EXPECT_FALSE(p.FindReward("postcard")->send_home);
  EXPECT_FALSE(p.SendsHomeByDefault(""));
  EXPECT_FALSE(p.SendsHomeByDefault("postcard"));
  EXPECT_FALSE(p.ReviewsForFamilies("senior"));
  EXPECT_EQ(ExplainAsText(p).find("What we share with you"), std::string::npos);
  EXPECT_STREQ(FamilyShareName(FamilyShare::kAtOnce), "at_once");
  EXPECT_STREQ(FamilyShareName(FamilyShare::kAfterReview), "after_review");
  EXPECT_STREQ(FamilyShareName(FamilyShare::kNever), "never");
}

TEST(FamiliesPolicy, EachClassAndCategoryMayBeSet) {
  std::string text = With("from_step = \"reset\"",
                          "[families]\nprosocial = \"after_review\"\nlow_level = \"at_once\"\n"
                          "difficult = \"after_review\"\ndangerous = \"at_once\"\n"
                          "reviewed_by = [\"senior\"]\n");
  text = std::string(text).replace(text.find("default_step = \"reminder\""), 25,
                                   "default_step = \"reminder\"\nfamilies = \"never\"");
  text.replace(text.find("name = \"Refusing\""), 17, "name = \"Refusing\"\nfamilies = \"at_once\"");
  LoadResult r = LoadPolicy(text);
  ASSERT_TRUE(r.ok()) << All(r);
  const Policy& p = *r.policy;
  EXPECT_TRUE(p.families.declared);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kProsocial), FamilyShare::kAfterReview);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kLowLevel), FamilyShare::kAtOnce);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kDifficult), FamilyShare::kAfterReview);
  EXPECT_EQ(p.families.by_class.at(BehaviourClass::kDangerous), FamilyShare::kAtOnce);
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "kindness")), FamilyShare::kAfterReview);
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "calling_out")), FamilyShare::kNever);  // its own
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "refusing")), FamilyShare::kAtOnce);    // its own
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "hurting")), FamilyShare::kAtOnce);     // its class
  // Dangerous is shared at once, but never a safeguarding record.
  EXPECT_EQ(p.FamilyShareOf(Cat(p, "worrying_words")), FamilyShare::kNever);
}

TEST(FamiliesPolicy, ASafeguardingCategoryIsNeverShared) {
  std::string said_never = With("safeguarding = true", "families = \"never\"\n");
  ASSERT_TRUE(LoadPolicy(said_never).ok()) << All(LoadPolicy(said_never));
  ExpectErrorAt(With("safeguarding = true", "families = \"at_once\"\n"), "families = \"at_once\"",
                "\"at_once\"",
                "'families' in category 'worrying_words': found \"at_once\", but it is a "
                "safeguarding category, and safeguarding records are never shown to families (the "
                "designated safeguarding lead decides what a family is told): say \"never\" or "
                "leave 'families' out");
}

TEST(FamiliesPolicy, AfterReviewNeedsSomeoneWhoMayApprove) {
  // In [families]...
  ExpectErrorAt(With("from_step = \"reset\"", "[families]\ndifficult = \"after_review\"\n"),
                "difficult = \"after_review\"", "\"after_review\"",
                "'difficult' in [families] is \"after_review\", so records wait until someone "
                "approves them: name who may, in [families] as reviewed_by, e.g. reviewed_by = "
                "[\"senior\"]");
  // ...an empty list...
  std::string text =
      With("from_step = \"reset\"", "[families]\ndifficult = \"after_review\"\nreviewed_by = []\n");
  EXPECT_NE(OnlyError(LoadPolicy(text)).message.find("(the list is empty)"), std::string::npos);
  // ...and on a category, with no [families] at all.
  text = With("name = \"Hurting someone\"", "families = \"after_review\"\n");
  ExpectErrorAt(text, "families = \"after_review\"", "\"after_review\"",
                "'families' in category 'hurting' is \"after_review\"");
  // Named: no error.
  text += "[families]\nreviewed_by = [\"senior\"]\n";
  EXPECT_TRUE(LoadPolicy(text).ok()) << All(LoadPolicy(text));
}

TEST(FamiliesPolicy, OfficeStaffDoNotReviewAndUnknownRolesAreNamed) {
  auto reviewers = [](const std::string& list) {
    return With("from_step = \"reset\"",
                "[families]\ndangerous = \"after_review\"\nreviewed_by = " + list + "\n");
  };
  ExpectErrorAt(reviewers("[\"senior\", \"admin\"]"), "reviewed_by", "\"admin\"",
                "'reviewed_by' in [families]: found \"admin\": the administrator: office staff "
                "do not judge what goes to families; name roles who work with pupils: teacher, "
                "support, pastoral, senco, dsl, senior, class_lead");
  // A school role held as administrator is refused too.
  ExpectErrorAt(reviewers("[\"office\"]"), "reviewed_by", "\"office\"",
                "'reviewed_by' in [families]: found \"office\": a role held as administrator: "
                "office staff do not judge");
  // A slip gets the allowed roles and the nearest one.
  ExpectErrorAt(reviewers("[\"senoir\"]"), "reviewed_by", "\"senoir\"",
                "'reviewed_by' in [families]: found \"senoir\", expected one of teacher, "
                "support, pastoral, senco, dsl, senior, class_lead (did you mean 'senior'?)");
}

TEST(FamiliesPolicy, ASharingValueListsTheAllowedOnes) {
  ExpectErrorAt(With("from_step = \"reset\"", "[families]\ndifficult = \"later\"\n"),
                "difficult = \"later\"", "\"later\"",
                "'difficult' in [families]: found \"later\", expected one of: at_once, "
                "after_review, never");
  std::string text = With("from_step = \"reset\"", "[families]\nnotes_hom = true\n");
  EXPECT_NE(All(LoadPolicy(text))
                .find("unknown key 'notes_hom' in [families]: did you mean 'notes_home'?"),
            std::string::npos)
      << All(LoadPolicy(text));
}

TEST(FamiliesPolicy, NotesSentHomeThatAreNeverSharedAreRefused) {
  std::string text =
      With("kind = \"postcard\"", "send_home = true\n") + "[families]\nprosocial = \"never\"\n";
  ExpectErrorAt(text, "send_home = true", "true",
                "reward 'postcard' has send_home = true, but [families] says prosocial = "
                "\"never\": the policy would send home notes it never shares. Share prosocial "
                "records (\"at_once\" or \"after_review\"), or leave send_home out");
  ExpectErrorAt(kBase + "[families]\nprosocial = \"never\"\nnotes_home = true\n",
                "notes_home = true", "true",
                "'notes_home' in [families] is true, but [families] says prosocial = \"never\"");
  // Shared after review, notes may go home.
  text = With("kind = \"postcard\"", "send_home = true\n") +
         "[families]\nprosocial = \"after_review\"\nnotes_home = true\nreviewed_by = "
         "[\"teacher\"]\n";
  EXPECT_TRUE(LoadPolicy(text).ok()) << All(LoadPolicy(text));
}

TEST(FamiliesPolicy, SendHomeStartsTickedForTheRecognitionOrTheNote) {
  std::string text = With("kind = \"postcard\"", "send_home = true\n");
  LoadResult r = LoadPolicy(text);
  ASSERT_TRUE(r.ok()) << All(r);
  EXPECT_TRUE(r.policy->SendsHomeByDefault("postcard"));
  EXPECT_FALSE(r.policy->SendsHomeByDefault("point"));
  EXPECT_FALSE(r.policy->SendsHomeByDefault(""));  // notes_home defaults to false
  EXPECT_FALSE(r.policy->SendsHomeByDefault("no_such_reward"));
  r = LoadPolicy(text + "[families]\nnotes_home = true\n");
  ASSERT_TRUE(r.ok()) << All(r);
  EXPECT_TRUE(r.policy->SendsHomeByDefault(""));
  EXPECT_TRUE(r.policy->SendsHomeByDefault("postcard"));
  // A recognition says for itself: notes_home is for a note without one.
  EXPECT_FALSE(r.policy->SendsHomeByDefault("point"));
}

TEST(FamiliesPolicy, ReviewersAreAttuneRolesWithSchoolRolesResolved) {
  std::string text = std::string(kBase) +
                     "[families]\ndifficult = \"after_review\"\nreviewed_by = [\"class_lead\", "
                     "\"senior\", \"pastoral\"]\n";
  LoadResult r = LoadPolicy(text);
  ASSERT_TRUE(r.ok()) << All(r);
  // "class_lead" is the school's word for pastoral: listed once.
  EXPECT_EQ(r.policy->families.reviewed_by, (std::vector<std::string>{"pastoral", "senior"}));
  EXPECT_TRUE(r.policy->ReviewsForFamilies("pastoral"));
  EXPECT_TRUE(r.policy->ReviewsForFamilies("senior"));
  EXPECT_FALSE(r.policy->ReviewsForFamilies("teacher"));
  EXPECT_FALSE(r.policy->ReviewsForFamilies("admin"));
  EXPECT_FALSE(r.policy->ReviewsForFamilies("class_lead"));  // an attune role is asked
}

TEST(FamiliesPolicy, ANewVersionSaysWhatChangesForFamilies) {
  LoadResult before = LoadPolicy(kBase);
  std::string text = With("kind = \"postcard\"", "send_home = true\n");
  text.replace(text.find("name = \"Refusing\""), 17, "name = \"Refusing\"\nfamilies = \"never\"");
  LoadResult after =
      LoadPolicy(text + "[families]\ndifficult = \"after_review\"\nreviewed_by = [\"senior\"]\n");
  ASSERT_TRUE(before.ok() && after.ok()) << All(after);
  std::string said;
  for (const auto& c : DiffPolicies(*before.policy, *after.policy)) {
    said += c.kind + " " + c.what + ": " + c.detail + "\n";
  }
  EXPECT_NE(said.find("changed What families see: difficult never → after_review; reviewed by "
                      "none → senior\n"),
            std::string::npos)
      << said;
  EXPECT_NE(said.find("shared with families none → never"), std::string::npos) << said;
  EXPECT_NE(said.find("sent home no → yes"), std::string::npos) << said;
}

// A special school unlike the shipped ones, recording two classes only.
const char* kRiverside = R"(format = 1
[school]
name = "Riverside Special School"
[vocabulary]
pupil = "learner"
pupils = "learners"
[[roles]]
id = "class_lead"
name = "class lead"
attune_role = "pastoral"
[[steps]]
id = "co_regulate"
name = "Co-regulate"
[[categories]]
id = "tried_something_new"
name = "Tried something new"
class = "prosocial"
[[categories]]
id = "distressed"
name = "Distressed and hurting things"
class = "difficult"
default_step = "co_regulate"
[[categories]]
id = "leaving_the_room"
name = "Leaving the room"
class = "difficult"
default_step = "co_regulate"
families = "never"
[[rewards]]
id = "star_of_the_day"
name = "Star of the day"
kind = "award"
send_home = true
[[rewards]]
id = "sticker"
name = "Sticker"
kind = "other"
[families]
prosocial = "at_once"
difficult = "after_review"
reviewed_by = ["class_lead"]
[guards.physical_intervention]
[guards.senco_advice]
from_step = "co_regulate"
)";

std::string Section(const std::string& text) {
  size_t from = text.find("What we share with you\n");
  if (from == std::string::npos) return "";
  size_t to = text.find("\n\n", from);
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

TEST(FamiliesPolicy, ExplainSaysWhatFamiliesSeeInTheSchoolsWords) {
  LoadResult r = LoadPolicy(kRiverside);
  ASSERT_TRUE(r.ok()) << All(r);
  std::string section = Section(ExplainAsText(*r.policy));
  EXPECT_EQ(section,
            "What we share with you\n"
            "----------------------\n"
            "* In attune you see straight away: the notes adults send home about what your "
            "child has done well.\n"
            "* In attune you see, when a class lead has checked them and chosen to share them: "
            "records of difficult behaviour other than \"Leaving the room\".\n"
            "* We usually send home: Star of the day.")
      << ExplainAsText(*r.policy);
  // Nothing the policy does not say: no classes it does not record, no
  // safeguarding category, no note ticked by default.
  EXPECT_EQ(section.find("low-level"), std::string::npos);
  EXPECT_EQ(section.find("dangerous"), std::string::npos);
  EXPECT_EQ(section.find("safeguarding"), std::string::npos);
  EXPECT_EQ(section.find("Sticker"), std::string::npos);

  // A safeguarding category, notes ticked to go home, and a category shared
  // at once where its class is not.
  std::string more = std::string(kRiverside) +
                     "[[categories]]\nid = \"worry\"\nname = \"A worry about safety\"\n"
                     "class = \"difficult\"\nsafeguarding = true\ndefault_step = \"co_regulate\"\n"
                     "[[categories]]\nid = \"asked_for_help\"\nname = \"Asked for help\"\n"
                     "class = \"difficult\"\ndefault_step = \"co_regulate\"\n"
                     "families = \"at_once\"\n";
  more.replace(more.find("reviewed_by = [\"class_lead\"]"), 28,
               "reviewed_by = [\"class_lead\"]\nnotes_home = true");
  r = LoadPolicy(more);
  ASSERT_TRUE(r.ok()) << All(r);
  section = Section(ExplainAsText(*r.policy));
  EXPECT_NE(section.find("* In attune you see straight away: the notes adults send home about "
                         "what your child has done well and records of \"Asked for help\".\n"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("records of difficult behaviour other than \"Leaving the room\" or "
                         "\"Asked for help\".\n"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("* Records about keeping your child safe (safeguarding) are never "
                         "shown in attune: our designated safeguarding lead decides what we "
                         "tell you.\n"),
            std::string::npos)
      << section;
  EXPECT_NE(section.find("* When an adult writes a note about something your child has done "
                         "well, it is usually sent home to you.\n"),
            std::string::npos)
      << section;

  // A policy that shares nothing says so, and only that.
  std::string none = std::string(kRiverside);
  none.replace(none.find("prosocial = \"at_once\""), 21, "prosocial = \"never\"");
  none.replace(none.find("send_home = true"), 16, "send_home = false");
  none.replace(none.find("difficult = \"after_review\""), 26, "difficult = \"never\"");
  r = LoadPolicy(none);
  ASSERT_TRUE(r.ok()) << All(r);
  EXPECT_EQ(Section(ExplainAsText(*r.policy)),
            "What we share with you\n----------------------\n"
            "* Records of behaviour are not shown to you in attune.");
}

TEST(FamiliesPolicy, TheTestPolicyAndTheShippedPoliciesSayWhatTheySeedsSupport) {
  LoadResult r =
      LoadPolicy(Read(kRoot / "tests/policy_cases/policies/002_hollybank_colour_bands.toml"));
  ASSERT_TRUE(r.ok()) << All(r);
  const Policy& h = *r.policy;
  EXPECT_TRUE(h.families.declared);
  EXPECT_TRUE(h.families.notes_home);
  EXPECT_EQ(h.families.reviewed_by, (std::vector<std::string>{"pastoral", "senior"}));
  EXPECT_EQ(h.FamilyShareOf(Cat(h, "unkind_words")), FamilyShare::kAfterReview);
  EXPECT_EQ(h.FamilyShareOf(Cat(h, "refusing")), FamilyShare::kNever);
  EXPECT_EQ(h.FamilyShareOf(Cat(h, "harm_online")), FamilyShare::kNever);
  EXPECT_EQ(h.FamilyShareOf(Cat(h, "calling_out")), FamilyShare::kNever);
  EXPECT_TRUE(h.SendsHomeByDefault("postcard_home"));
  EXPECT_FALSE(h.SendsHomeByDefault("house_point"));
  EXPECT_TRUE(h.SendsHomeByDefault(""));
  std::string text = ExplainAsText(h);
  EXPECT_NE(text.find("* In attune you see, when a Learning Community Manager or a head of year "
                      "has checked them and chosen to share them: records of difficult behaviour "
                      "other than \"Refusing a "
                      "reasonable request\" and records of dangerous behaviour.\n"),
            std::string::npos)
      << text;

  LoadResult infant = LoadPolicy(Read(kRoot / "policies/001_south_coast_infant.toml"));
  ASSERT_TRUE(infant.ok()) << All(infant);
  EXPECT_TRUE(infant.policy->families.notes_home);
  EXPECT_TRUE(infant.policy->SendsHomeByDefault("marvellous_me_message"));
  EXPECT_FALSE(infant.policy->SendsHomeByDefault("specific_praise"));

  LoadResult blue_sky = LoadPolicy(Read(kRoot / "policies/004_blue_sky_learning.toml"));
  ASSERT_TRUE(blue_sky.ok()) << All(blue_sky);
  EXPECT_TRUE(blue_sky.policy->SendsHomeByDefault("value_postcard"));
  EXPECT_TRUE(blue_sky.policy->ReviewsForFamilies("senior"));
  EXPECT_EQ(blue_sky.policy->FamilyShareOf(Cat(*blue_sky.policy, "peer_on_peer_abuse")),
            FamilyShare::kNever);

  LoadResult secondary = LoadPolicy(Read(kRoot / "policies/000_north_county_secondary.toml"));
  ASSERT_TRUE(secondary.ok()) << All(secondary);
  EXPECT_FALSE(secondary.policy->families.declared);  // the seed is silent
  EXPECT_EQ(ExplainAsText(*secondary.policy).find("What we share with you"), std::string::npos);
}

}  // namespace
}  // namespace attune::policy
