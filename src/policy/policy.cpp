#include "policy/policy.h"

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
  static const std::vector<std::string> kinds = {
      "phone_call_home", "restorative_conversation", "repair",       "meeting",    "home_visit",
      "letter_home",     "reflection_day_notice",    "senco_advice", "dsl_review", "plan_review",
      "record_incident", "behaviour_contract",       "referral"};
  return kinds;
}

std::string ActionLabel(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {
      {"phone_call_home", "Phone call home"},
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
  };
  auto it = labels.find(kind);
  return it == labels.end() ? kind : it->second;
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
    case Window::kRollingDays:
      return "rolling_days:" + std::to_string(w.days);
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
}  // namespace

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

}  // namespace attune::policy
