// Runs every declarative decision case in tests/policy_cases/<policy>/*.toml
// through the real policy files and the decision engine.
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "policy/engine.h"
#include "policy/loader.h"
#include "policy/plan_rules.h"

namespace attune::policy {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = ATTUNE_SOURCE_DIR;

std::vector<std::string> CaseFiles() {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(kRoot / "tests/policy_cases", ec)) {
    if (e.path().extension() == ".toml" && e.path().filename() != "school_time.toml" &&
        e.path().parent_path().filename() != "policies") {
      out.push_back(fs::relative(e.path(), kRoot / "tests/policy_cases").string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// "2026-11-23 10:05" in London time.
Timestamp At(const std::string& text) {
  auto day = ParseDate(text.substr(0, 10));
  auto minutes = ParseTimeOfDay(text.size() >= 16 ? text.substr(11, 5) : "");
  if (!day.ok() || !minutes.ok()) throw std::runtime_error("bad time \"" + text + "\"");
  return LondonInstant(*day, *minutes);
}

template <typename View>
std::string Text(const View& n, const std::string& fallback = "") {
  return n.template value<std::string>().value_or(fallback);
}

template <typename View>
std::vector<std::string> Texts(const View& n) {
  std::vector<std::string> out;
  if (const toml::array* a = n.as_array()) {
    for (const auto& item : *a) out.push_back(item.template value<std::string>().value_or(""));
  }
  std::sort(out.begin(), out.end());
  return out;
}

const SchoolTime& CaseSchoolTime() {
  static const SchoolTime time = [] {
    toml::table t = toml::parse_file((kRoot / "tests/policy_cases/school_time.toml").string());
    std::vector<Period> periods;
    int ordinal = 0;
    for (const auto& p : *t["periods"].as_array()) {
      const toml::table& pt = *p.as_table();
      Period period;
      period.id = pt["id"].value<int64_t>().value_or(0);
      period.ordinal = ++ordinal;
      period.name = Text(pt["name"]);
      period.starts_at = *ParseTimeOfDay(Text(pt["starts"]));
      period.ends_at = *ParseTimeOfDay(Text(pt["ends"]));
      period.teaching = pt["teaching"].value<bool>().value_or(true);
      periods.push_back(period);
    }
    std::vector<CalendarEntry> calendar;
    for (const auto& c : *t["calendar"].as_array()) {
      const toml::table& ct = *c.as_table();
      calendar.push_back(CalendarEntry{0, 0, Text(ct["kind"]), Text(ct["name"]),
                                       *ParseDate(Text(ct["from"])), *ParseDate(Text(ct["to"]))});
    }
    return SchoolTime(calendar, periods);
  }();
  return time;
}

// A shipped policy (policies/), or one written for the tests
// (tests/policy_cases/policies/).
const Policy& LoadShipped(const std::string& name) {
  static std::map<std::string, Policy> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  fs::path path = kRoot / "tests/policy_cases/policies" / name;
  if (!fs::exists(path)) path = kRoot / "policies" / name;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  LoadResult loaded = LoadPolicy(text.str());
  if (!loaded.ok()) {
    std::string all;
    for (const auto& d : loaded.diagnostics) all += FormatDiagnostic(name, d) + "\n";
    throw std::runtime_error("policy " + name + " does not load:\n" + all);
  }
  return cache.emplace(name, *loaded.policy).first->second;
}

std::string Describe(const Decision& d) {
  std::ostringstream out;
  out << "step=" << d.step << " suggested=" << d.suggested_step << " tally=" << d.tally_only
      << "\n actions:";
  for (const auto& a : d.actions) {
    out << " " << a.kind << "(" << a.assignee << ","
        << (a.due ? FormatLondon(*a.due, "%F %H:%M") : "-") << ")";
  }
  out << "\n escalations:";
  for (const auto& e : d.escalations) out << " " << e.id;
  out << "\n guards:";
  for (const auto& g : d.guards) out << " " << g.kind;
  if (d.reward) {
    out << "\n reward: " << d.reward->awarded << (d.reward->capped ? " capped" : "")
        << (d.reward->left_out ? " left out" : "") << " " << d.reward->reason;
  }
  out << "\n warnings:";
  for (const auto& w : d.warnings) out << " [" << w << "]";
  out << "\n refusals:";
  for (const auto& r : d.refusals) out << " [" << r.field << ": " << r.reason << "]";
  return out.str();
}

// The pupil's past from `start` on, as IncidentService reads it.
PupilContext Since(const PupilContext& pupil, Timestamp start) {
  PupilContext out = pupil;
  std::erase_if(out.history, [&](const PastRecord& r) { return r.at < start; });
  std::erase_if(out.rewards, [&](const PastReward& r) { return r.at < start; });
  return out;
}

// A TOML value as the JSON the API would send.
nlohmann::json Json(const toml::node& n) {
  if (const toml::table* t = n.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : *t) out[std::string(k.str())] = Json(v);
    return out;
  }
  if (const toml::array* a = n.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : *a) out.push_back(Json(v));
    return out;
  }
  if (auto v = n.value_exact<bool>()) return *v;
  if (auto v = n.value_exact<int64_t>()) return *v;
  if (auto v = n.value_exact<std::string>()) return *v;
  return nullptr;
}

// A plan case ([plan] instead of [observation]): the plan rules of
// policy/plan_rules.h for one plan started on a day, decided at a time.
//   [plan]   type, starts_on, ends_on?, decided_at, stage ("start"), fields
//   [expect] refused (the fields refused, exactly), reason_contains,
//            last_day, first_review, first_check_in, notice_due, earliest_start
void HoldsForPlan(const Policy& policy, const toml::table& c) {
  auto p = c["plan"];
  const Plan* type = policy.FindPlan(Text(p["type"]));
  ASSERT_NE(type, nullptr) << "no plan " << Text(p["type"]);
  Date starts = *ParseDate(Text(p["starts_on"]));
  std::optional<Date> ends;
  if (p["ends_on"]) ends = *ParseDate(Text(p["ends_on"]));
  Timestamp now = At(Text(p["decided_at"], "2026-11-20 09:00"));
  std::vector<PlanProblem> problems = CheckDates(*type, CaseSchoolTime(), starts, ends, now);
  nlohmann::json clean;
  const toml::node* fields = p["fields"].node();
  auto stage = ParseStage(Text(p["stage"], "start"));
  ASSERT_TRUE(stage.has_value()) << Text(p["stage"]);
  auto more = CheckFields(*type, *stage, fields ? Json(*fields) : nlohmann::json::object(), clean);
  problems.insert(problems.end(), more.begin(), more.end());
  std::string got;
  for (const auto& x : problems) got += " [" + x.field + ": " + x.message + "]";
  auto e = c["expect"];
  std::vector<std::string> refused;
  for (const auto& x : problems) refused.push_back(x.field);
  std::sort(refused.begin(), refused.end());
  EXPECT_EQ(refused, Texts(e["refused"])) << got;
  if (auto v = e["reason_contains"].value<std::string>()) {
    EXPECT_NE(got.find(*v), std::string::npos) << "no refusal mentions \"" << *v << "\":" << got;
  }
  PlanDates dates = Schedule(*type, CaseSchoolTime(), starts);
  auto day = [](const std::optional<Date>& d) { return d ? FormatDate(*d) : std::string("-"); };
  if (auto v = e["last_day"].value<std::string>()) EXPECT_EQ(day(dates.last_day), *v);
  if (auto v = e["first_review"].value<std::string>()) EXPECT_EQ(day(dates.first_review), *v);
  if (auto v = e["first_check_in"].value<std::string>()) EXPECT_EQ(day(dates.first_check_in), *v);
  if (auto v = e["notice_due"].value<std::string>()) {
    ASSERT_TRUE(dates.notice_due.has_value());
    EXPECT_EQ(FormatLondon(*dates.notice_due, "%F %H:%M"), *v);
  }
  if (auto v = e["earliest_start"].value<std::string>()) {
    EXPECT_EQ(day(EarliestStart(*type, CaseSchoolTime(), now)), *v);
  }
}

class PolicyCase : public ::testing::TestWithParam<std::string> {};

TEST_P(PolicyCase, Holds) {
  toml::table c = toml::parse_file((kRoot / "tests/policy_cases" / GetParam()).string());
  ASSERT_FALSE(Text(c["quote"]).empty()) << "every case quotes the text it enforces";
  const Policy& policy = LoadShipped(Text(c["policy"]));
  if (c["plan"]) {
    HoldsForPlan(policy, c);
    return;
  }

  PupilContext pupil;
  pupil.sen = Text(c["pupil"]["sen"], "N");
  if (const toml::array* h = c["pupil"]["history"].as_array()) {
    for (const auto& item : *h) {
      const toml::table& r = *item.as_table();
      pupil.history.push_back({At(Text(r["at"])), Text(r["category"]), Text(r["step"])});
    }
  }
  if (const toml::array* h = c["pupil"]["rewards"].as_array()) {
    for (const auto& item : *h) {
      const toml::table& r = *item.as_table();
      pupil.rewards.push_back({At(Text(r["at"])), Text(r["reward"]),
                               static_cast<int>(r["points"].value<int64_t>().value_or(0))});
    }
  }
  if (const toml::array* h = c["pupil"]["plans"].as_array()) {
    for (const auto& item : *h) {
      const toml::table& r = *item.as_table();
      pupil.plans.push_back(
          {Text(r["plan"]), r["active"].value<bool>().value_or(false), Text(r["outcome"])});
    }
  }
  Observation obs;
  auto o = c["observation"];
  obs.category = Text(o["category"]);
  obs.step = Text(o["step"]);
  obs.at = At(Text(o["at"]));
  obs.physical_intervention = o["physical_intervention"].value<bool>().value_or(false);
  obs.parent_notice_would_harm = o["parent_notice_would_harm"].value<bool>().value_or(false);
  obs.safeguarding = o["safeguarding"].value<bool>().value_or(false);
  obs.consequences = Texts(o["consequences"]);
  if (auto d = o["consequence_date"].value<std::string>()) obs.consequence_date = *ParseDate(*d);
  obs.reward = Text(o["reward"]);
  if (const toml::array* staff = o["staff_involved"].as_array()) {
    for (const auto& item : *staff) {
      const toml::table& st = *item.as_table();
      StaffInvolved person;
      person.name = Text(st["name"]);
      if (const toml::array* held = st["training"].as_array()) {
        for (const auto& h : *held) {
          const toml::table& ht = *h.as_table();
          TrainingHeld t;
          t.training = Text(ht["training"]);
          t.taken_on = *ParseDate(Text(ht["taken_on"]));
          if (auto e = ht["expires_on"].value<std::string>()) t.expires_on = *ParseDate(*e);
          person.training.push_back(t);
        }
      }
      obs.staff_involved.push_back(person);
    }
  }

  Decision d = Decide(policy, CaseSchoolTime(), pupil, obs);
  std::string got = Describe(d);
  // Only the history from HistoryStart on is read when recording; it must
  // decide the same.
  PupilContext recent = Since(pupil, HistoryStart(policy, CaseSchoolTime(), obs.at));
  EXPECT_EQ(Describe(Decide(policy, CaseSchoolTime(), recent, obs)), got);
  auto e = c["expect"];
  if (auto v = e["step"].value<std::string>()) {
    EXPECT_EQ(d.step, *v) << got;
  }
  if (auto v = e["suggested_step"].value<std::string>()) {
    EXPECT_EQ(d.suggested_step, *v) << got;
  }
  std::vector<std::string> refused;
  for (const auto& r : d.refusals) refused.push_back(r.field);
  std::sort(refused.begin(), refused.end());
  EXPECT_EQ(refused, Texts(e["refused"])) << got;
  if (auto v = e["reason_contains"].value<std::string>()) {
    bool found = std::any_of(d.refusals.begin(), d.refusals.end(), [&](const Refusal& r) {
      return r.reason.find(*v) != std::string::npos;
    });
    EXPECT_TRUE(found) << "no refusal mentions \"" << *v << "\"\n" << got;
  }
  if (auto v = e["tally_only"].value<bool>()) {
    EXPECT_EQ(d.tally_only, *v) << got;
  }
  if (const toml::array* actions = e["actions"].as_array()) {
    for (const auto& item : *actions) {
      const toml::table& want = *item.as_table();
      std::string kind = Text(want["kind"]);
      const RequiredAction* a = d.FindAction(kind);
      ASSERT_NE(a, nullptr) << "missing action " << kind << "\n" << got;
      if (auto who = want["assignee"].value<std::string>()) {
        EXPECT_EQ(a->assignee, *who) << got;
      }
      if (auto words = want["assignee_words"].value<std::string>()) {
        EXPECT_EQ(a->assignee_words, *words) << got;
      }
      if (auto label = want["label"].value<std::string>()) {
        EXPECT_EQ(a->label, *label) << got;
      }
      if (auto due = want["due"].value<std::string>()) {
        ASSERT_TRUE(a->due.has_value()) << kind << " has no due time\n" << got;
        EXPECT_EQ(FormatLondon(*a->due, "%F %H:%M"), *due) << kind << "\n" << got;
      }
    }
  }
  for (const auto& kind : Texts(e["no_actions"])) {
    EXPECT_EQ(d.FindAction(kind), nullptr) << "unexpected action " << kind << "\n" << got;
  }
  if (e["escalations"]) {
    std::vector<std::string> ids;
    for (const auto& x : d.escalations) ids.push_back(x.id);
    std::sort(ids.begin(), ids.end());
    EXPECT_EQ(ids, Texts(e["escalations"])) << got;
  }
  if (e["guards"]) {
    std::vector<std::string> kinds;
    for (const auto& g : d.guards) kinds.push_back(g.kind);
    std::sort(kinds.begin(), kinds.end());
    EXPECT_EQ(kinds, Texts(e["guards"])) << got;
  }
  if (auto v = e["reward_awarded"].value<int64_t>()) {
    ASSERT_TRUE(d.reward.has_value()) << got;
    EXPECT_EQ(d.reward->awarded, *v) << got;
  }
  if (auto v = e["reward_capped"].value<bool>()) {
    ASSERT_TRUE(d.reward.has_value()) << got;
    EXPECT_EQ(d.reward->capped, *v) << got;
  }
  if (auto v = e["restricted"].value<bool>()) {
    EXPECT_EQ(d.restricted, *v) << got;
  }
  if (auto v = e["reward_left_out"].value<bool>()) {
    ASSERT_TRUE(d.reward.has_value()) << got;
    EXPECT_EQ(d.reward->left_out, *v) << got;
  }
  if (auto v = e["reward_reason_contains"].value<std::string>()) {
    ASSERT_TRUE(d.reward.has_value()) << got;
    EXPECT_NE(d.reward->reason.find(*v), std::string::npos) << got;
  }
  if (e["warnings"]) {
    // Each given text is in one warning, and there are exactly as many warnings.
    std::vector<std::string> want = Texts(e["warnings"]);
    EXPECT_EQ(d.warnings.size(), want.size()) << got;
    for (const auto& w : want) {
      bool found = std::any_of(d.warnings.begin(), d.warnings.end(), [&](const std::string& x) {
        return x.find(w) != std::string::npos;
      });
      EXPECT_TRUE(found) << "no warning mentions \"" << w << "\"\n" << got;
    }
  }
  // Words the school removed never appear in anything the decision says.
  for (const auto& word : Texts(e["never_says"])) {
    std::vector<std::string> said;
    for (const auto& a : d.actions) {
      said.insert(said.end(), {a.label, a.description, a.because, a.assignee_words});
    }
    for (const auto& x : d.escalations) said.push_back(x.reason);
    for (const auto& g : d.guards) said.push_back(g.message);
    for (const auto& r : d.refusals) said.push_back(r.reason);
    said.insert(said.end(), d.warnings.begin(), d.warnings.end());
    if (d.reward) said.push_back(d.reward->reason);
    for (const auto& text : said) {
      EXPECT_FALSE(MentionsWord(text, word)) << "says \"" << word << "\": " << text;
    }
  }
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyCase, ::testing::ValuesIn(CaseFiles()), CaseName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PolicyCase);

// The same over random histories, for every shipped policy: records of any
// category and step in the 150 days before a lesson-time observation.
TEST(HistoryStart, LeavesEveryDecisionAsItWas) {
  std::mt19937 random(20261122);
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random); };
  Timestamp first = At("2026-09-02 08:55"), last = At("2027-02-12 15:00");
  auto lesson_time = [&](Timestamp from, Timestamp to) {
    long long span = ToUnix(to) - ToUnix(from);
    Timestamp t =
        from + std::chrono::seconds(std::uniform_int_distribution<long long>(0, span)(random));
    Date day = LondonDate(t);
    return LondonInstant(day, 8 * 60 + 55 + static_cast<int>(pick(6 * 60)));
  };
  int compared = 0, with_history_before = 0;
  std::vector<fs::directory_entry> files;
  for (const auto* dir : {"policies", "tests/policy_cases/policies"}) {
    for (const auto& e : fs::directory_iterator(kRoot / dir)) files.push_back(e);
  }
  for (const auto& e : files) {
    if (e.path().extension() != ".toml") continue;
    const Policy& policy = LoadShipped(e.path().filename().string());
    for (int trial = 0; trial < 300; ++trial) {
      Observation obs;
      obs.at = lesson_time(first, last);
      const Category& c = policy.categories[pick(policy.categories.size())];
      obs.category = c.id;
      if (c.behaviour_class == BehaviourClass::kProsocial && !policy.rewards.empty()) {
        obs.reward = policy.rewards[pick(policy.rewards.size())].id;
      }
      PupilContext pupil;
      for (size_t n = pick(60); n > 0; --n) {
        Timestamp at = lesson_time(obs.at - std::chrono::hours(24 * 150), obs.at);
        const Category& past = policy.categories[pick(policy.categories.size())];
        std::string step =
            past.behaviour_class == BehaviourClass::kProsocial || policy.steps.empty()
                ? ""
                : policy.steps[pick(policy.steps.size())].id;
        pupil.history.push_back({at, past.id, step});
        if (!policy.rewards.empty() && pick(3) == 0) {
          const Reward& r = policy.rewards[pick(policy.rewards.size())];
          pupil.rewards.push_back({at, r.id, r.value});
        }
      }
      std::sort(pupil.history.begin(), pupil.history.end(),
                [](const PastRecord& a, const PastRecord& b) { return a.at < b.at; });
      Timestamp start = HistoryStart(policy, CaseSchoolTime(), obs.at);
      ASSERT_LE(start, obs.at);
      with_history_before += !pupil.history.empty() && pupil.history.front().at < start;
      std::string all = Describe(Decide(policy, CaseSchoolTime(), pupil, obs));
      EXPECT_EQ(Describe(Decide(policy, CaseSchoolTime(), Since(pupil, start), obs)), all)
          << e.path().filename() << " " << obs.category << " at " << FormatUtc(obs.at);
      ++compared;
    }
  }
  EXPECT_GE(compared, 1200);
  EXPECT_GT(with_history_before, compared / 2);  // the trimming was put to the test
}

TEST(PolicyCases, EveryShippedPolicyHasCases) {
  std::map<std::string, int> per_policy;
  for (const auto& f : CaseFiles()) {
    toml::table c = toml::parse_file((kRoot / "tests/policy_cases" / f).string());
    per_policy[Text(c["policy"])]++;
  }
  for (const auto& e : fs::directory_iterator(kRoot / "policies")) {
    if (e.path().extension() != ".toml") continue;
    EXPECT_GE(per_policy[e.path().filename().string()], 5) << e.path().filename();
  }
}

}  // namespace
}  // namespace attune::policy
