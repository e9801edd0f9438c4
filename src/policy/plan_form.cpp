// The words of a plan's form (field types, stages, participants) and
// lookups in it; policy.h declares them.
#include <algorithm>

#include "policy/policy.h"

namespace attune::policy {
namespace {

struct TypeName {
  FieldType type;
  const char* name;
};
constexpr TypeName kTypes[] = {
    {FieldType::kShortText, "short_text"},
    {FieldType::kLongText, "long_text"},
    {FieldType::kTargets, "targets"},
    {FieldType::kDate, "date"},
    {FieldType::kTime, "time"},
    {FieldType::kPerson, "person"},
    {FieldType::kPeople, "people"},
    {FieldType::kYesNo, "yes_no"},
    {FieldType::kRating, "rating"},
    {FieldType::kChoice, "choice"},
    {FieldType::kStages, "stages"},
    {FieldType::kRecords, "records"},
    {FieldType::kActions, "actions"},
    {FieldType::kAnxietyMap, "anxiety_map"},
};
constexpr const char* kStages[] = {"start", "entry", "review", "end"};

}  // namespace

const char* FieldTypeName(FieldType t) {
  for (const auto& k : kTypes) {
    if (k.type == t) return k.name;
  }
  return "short_text";
}

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const auto& k : kTypes) {
    if (name == k.name) return k.type;
  }
  return std::nullopt;
}

const std::vector<std::string>& FieldTypeNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& k : kTypes) out.push_back(k.name);
    return out;
  }();
  return names;
}

const char* StageName(PlanStage s) { return kStages[static_cast<int>(s)]; }

std::optional<PlanStage> ParseStage(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kStages[i]) return static_cast<PlanStage>(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& Participants() {
  static const std::vector<std::string> all = {"pupil",  "parent", "key_adult", "teacher",
                                               "senior", "senco",  "agency",    "other"};
  return all;
}

const PlanField* Plan::FindField(const std::string& id) const {
  for (const auto& s : sections) {
    for (const auto& f : s.fields) {
      if (f.id == id) return &f;
    }
  }
  return nullptr;
}

const PlanSection* Plan::SectionOf(const std::string& id) const {
  for (const auto& s : sections) {
    for (const auto& f : s.fields) {
      if (f.id == id) return &s;
    }
  }
  return nullptr;
}

bool Plan::HasStage(PlanStage stage) const {
  return std::any_of(sections.begin(), sections.end(),
                     [&](const PlanSection& s) { return s.stage == stage && !s.fields.empty(); });
}

bool PlanSection::HasPupilFields() const {
  return std::any_of(fields.begin(), fields.end(),
                     [](const PlanField& f) { return f.pupil_answers; });
}

bool Plan::Lists(const std::vector<std::string>& list, const std::string& role) {
  return std::find(list.begin(), list.end(), role) != list.end();
}

}  // namespace attune::policy
