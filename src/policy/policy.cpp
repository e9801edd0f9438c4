#include "policy/policy.h"

#include <algorithm>

namespace attune::policy {

const char* ClassName(BehaviourClass c) {
  switch (c) {
    case BehaviourClass::kProsocial:
      return "prosocial";
    case BehaviourClass::kLowLevel:
      return "low_level";
    case BehaviourClass::kDifficult:
      return "difficult";
    case BehaviourClass::kDangerous:
      return "dangerous";
  }
  return "low_level";
}

std::optional<BehaviourClass> ParseClass(std::string_view s) {
  if (s == "prosocial") return BehaviourClass::kProsocial;
  if (s == "low_level") return BehaviourClass::kLowLevel;
  if (s == "difficult") return BehaviourClass::kDifficult;
  if (s == "dangerous") return BehaviourClass::kDangerous;
  return std::nullopt;
}

const char* FamilyShareName(FamilyShare s) {
  switch (s) {
    case FamilyShare::kAtOnce:
      return "at_once";
    case FamilyShare::kAfterReview:
      return "after_review";
    case FamilyShare::kNever:
      return "never";
  }
  return "never";
}

const char* ClassLabel(BehaviourClass c) {
  switch (c) {
    case BehaviourClass::kProsocial:
      return "Prosocial";
    case BehaviourClass::kLowLevel:
      return "Low-level";
    case BehaviourClass::kDifficult:
      return "Difficult";
    case BehaviourClass::kDangerous:
      return "Dangerous";
  }
  return "Low-level";
}

const std::vector<std::string>& ActionKinds() {
  static const std::vector<std::string> kinds = {"phone_call_home",
                                                 "inform_home",
                                                 "restorative_conversation",
                                                 "repair",
                                                 "amends",
                                                 "meeting",
                                                 "home_visit",
                                                 "letter_home",
                                                 "reflection_day_notice",
                                                 "senco_advice",
                                                 "dsl_review",
                                                 "plan_review",
                                                 "record_incident",
                                                 "behaviour_contract",
                                                 "referral",
                                                 "debrief"};
  return kinds;
}

bool MentionsWord(std::string_view text, std::string_view word) {
  if (word.empty()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto letter = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  for (size_t i = 0; i + word.size() <= text.size(); ++i) {
    if (i > 0 && letter(text[i - 1])) continue;
    size_t k = 0;
    while (k < word.size() && lower(text[i + k]) == lower(word[k])) ++k;
    if (k == word.size()) return true;
  }
  return false;
}

std::string ActionLabel(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {
      {"phone_call_home", "Phone call home"},
      {"inform_home", "Let parents or carers know"},
      {"amends", "Amends the pupil proposes, in their own words"},
      {"restorative_conversation", "Restorative conversation"},
      {"repair", "Repair with the adult involved"},
      {"meeting", "Meeting"},
      {"home_visit", "Home visit"},
      {"letter_home", "Letter home"},
      {"reflection_day_notice", "Reflection day notice to parents"},
      {"senco_advice", "SENCO advice"},
      {"dsl_review", "DSL review"},
      {"plan_review", "Plan review"},
      {"record_incident", "Full record"},
      {"behaviour_contract", "Behaviour contract"},
      {"referral", "Referral"},
      {"debrief", "Staff debrief"},
      {"plan_check_in", "Plan check-in"},
      {"plan_end", "Decide how a plan went"},
      {"parent_notice", "Notice to parents"},
      {"physical_intervention_record", "Physical intervention record"},
      {"suspension_decision", "Suspension decision"},
  };
  auto it = labels.find(kind);
  return it == labels.end() ? kind : it->second;
}

std::string LeftOutReason(const Reward& r, const std::string& pupil_word) {
  int n = r.cap_per_day.value_or(0);
  std::string times = n == 1 ? "once" : n == 2 ? "twice" : std::to_string(n) + " times";
  return r.name + " can be given " + times + " a day to the same " + pupil_word +
         ", so the note is kept without it";
}

std::optional<Date> CurrentUntil(const Training& t, Date taken_on, std::optional<Date> expires_on) {
  if (expires_on) return expires_on;
  if (!t.valid_for_months) return std::nullopt;
  date::year_month_day out = date::year_month_day(taken_on) + date::months(*t.valid_for_months);
  if (!out.ok()) out = out.year() / out.month() / date::last;
  return Date(out);
}

std::string WindowName(const Window& w) {
  switch (w.kind) {
    case Window::kLesson:
      return "lesson";
    case Window::kDay:
      return "day";
    case Window::kWeek:
      return "week";
    case Window::kHalfTerm:
      return "half_term";
    case Window::kTerm:
      return "term";
    case Window::kSchoolYear:
      return "school_year";
    case Window::kMarkingPeriod:
      return "marking_period";
    case Window::kRollingDays:
      return "rolling_days:" + std::to_string(w.days);
    case Window::kSchoolDays:
      return "school_days:" + std::to_string(w.days);
  }
  return "day";
}

std::string Policy::Word(const std::string& key, const std::string& fallback) const {
  auto it = vocabulary.find(key);
  return it == vocabulary.end() || it->second.empty() ? fallback : it->second;
}

namespace {
template <typename T>
const T* FindById(const std::vector<T>& items, const std::string& id) {
  for (const auto& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

std::string UpperFirst(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}
}  // namespace

std::string Policy::ActionWords(const std::string& kind) const {
  if (kind == "restorative_conversation") {
    return UpperFirst(Word("reflection", "restorative conversation"));
  }
  if (kind == "amends") {
    return "Amends the " + Word("pupil", "pupil") + " proposes, in their own words";
  }
  return ActionLabel(kind);
}

std::string Policy::RoleWords(const std::string& who) const {
  for (const auto& r : roles) {
    if (who == r.id || (!r.each_pupils.empty() && r.each_pupils == who) ||
        (r.each_pupils.empty() && r.attune_role == who)) {
      return r.name;
    }
  }
  return "";
}

int Policy::HighestOrder(const Category& c) const {
  int top = static_cast<int>(steps.size());
  auto limit = [&](const std::string& id) {
    if (const Step* s = FindStep(id)) top = std::min(top, s->order);
  };
  auto by_class = ladder.highest_step.find(c.behaviour_class);
  if (by_class != ladder.highest_step.end()) limit(by_class->second);
  if (const Band* b = FindBand(c.band)) limit(b->highest_step);
  limit(c.highest_step);
  return top;
}

const Band* Policy::FindBand(const std::string& id) const { return FindById(bands, id); }
const SchoolRole* Policy::FindRole(const std::string& id) const { return FindById(roles, id); }
const PerceivedFunction* Policy::FindFunction(const std::string& id) const {
  return FindById(functions, id);
}
const Training* Policy::FindTraining(const std::string& id) const { return FindById(training, id); }

const Category* Policy::FindCategory(const std::string& id) const {
  if (category_index_.empty()) return FindById(categories, id);
  auto it = category_index_.find(id);
  return it == category_index_.end() ? nullptr : &categories[it->second];
}

const Step* Policy::FindStep(const std::string& id) const {
  if (step_index_.empty()) return FindById(steps, id);
  auto it = step_index_.find(id);
  return it == step_index_.end() ? nullptr : &steps[it->second];
}

void Policy::BuildIndex() {
  category_index_.clear();
  step_index_.clear();
  for (size_t i = 0; i < categories.size(); ++i) category_index_.emplace(categories[i].id, i);
  for (size_t i = 0; i < steps.size(); ++i) step_index_.emplace(steps[i].id, i);
}
const Plan* Policy::FindPlan(const std::string& id) const { return FindById(plans, id); }
const Consequence* Policy::FindConsequence(const std::string& id) const {
  return FindById(consequences, id);
}
const Reward* Policy::FindReward(const std::string& id) const { return FindById(rewards, id); }

FamilyShare Policy::FamilyShareOf(const Category& c) const {
  if (c.safeguarding) return FamilyShare::kNever;
  if (c.families) return *c.families;
  auto it = families.by_class.find(c.behaviour_class);
  if (it != families.by_class.end()) return it->second;
  // The format's defaults, for a policy not built by the loader.
  return c.behaviour_class == BehaviourClass::kProsocial ? FamilyShare::kAtOnce
                                                         : FamilyShare::kNever;
}

bool Policy::SendsHomeByDefault(const std::string& reward_id) const {
  if (reward_id.empty()) return families.notes_home;
  const Reward* r = FindReward(reward_id);
  return r && r->send_home;
}

bool Policy::ReviewsForFamilies(const std::string& role) const {
  return std::find(families.reviewed_by.begin(), families.reviewed_by.end(), role) !=
         families.reviewed_by.end();
}

}  // namespace attune::policy
