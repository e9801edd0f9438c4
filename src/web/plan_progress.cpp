// A plan's progress at a glance (issue 13: the vaping tracker's "progress
// chart"): each daily entry's ticks and ratings day by day, and the steps a
// `stages` field records, as they happened. Generic: any plan type whose
// entries have yes/no or rating fields, or stages, gets one.
#include <map>

#include "web/plan_form.h"

namespace attune::web {
namespace {

using nlohmann::json;
using policy::FieldType;

constexpr size_t kDays = 30;  // the last school days shown

// Each stage `values` (a stages field's value) ticks, with its day, into
// `first` unless already there.
void Steps(const json& values, std::map<std::string, std::string>& first) {
  if (!values.is_array()) return;
  for (const auto& s : values) {
    if (!s.is_object() || !s.contains("stage") || !s["stage"].is_string()) continue;
    std::string on = s.contains("on") && s["on"].is_string() ? s["on"].get<std::string>() : "";
    first.emplace(s["stage"].get<std::string>(), on);
  }
}

}  // namespace

json ProgressChart(const policy::Plan& type, const std::string& start_fields,
                   const std::vector<PlanEntry>& entries) {
  std::vector<const policy::PlanField*> charted, staged;
  bool entry_stages = false;
  for (const auto& s : type.sections) {
    for (const auto& f : s.fields) {
      if (f.type == FieldType::kStages) {
        staged.push_back(&f);
        entry_stages = entry_stages || s.stage == policy::PlanStage::kEntry;
      }
      if (s.stage == policy::PlanStage::kEntry &&
          (f.type == FieldType::kYesNo || f.type == FieldType::kRating)) {
        charted.push_back(&f);
      }
    }
  }
  std::vector<const PlanEntry*> days;
  for (const auto& e : entries) {
    if (e.kind == "entry") days.push_back(&e);
  }
  if (days.size() > kDays) days.erase(days.begin(), days.end() - kDays);
  json view = json::object();
  if (!charted.empty() && !days.empty()) {
    json heads = json::array();
    for (const PlanEntry* e : days) {
      heads.push_back({{"short", FormatLondon(LondonInstant(e->on, 720), "%a %e")},
                       {"long", DateWords(e->on, false)}});
    }
    json rows = json::array();
    for (const policy::PlanField* f : charted) {
      json cells = json::array();
      int yes = 0, answered = 0;
      for (const PlanEntry* e : days) {
        json v = StoredFields(e->fields).value(f->id, json());
        json cell = {{"text", ""}, {"words", "not recorded"}, {"level", "none"}};
        if (v.is_boolean()) {
          ++answered;
          yes += v.get<bool>();
          cell = {{"text", v.get<bool>() ? "✓" : "✗"},
                  {"words", v.get<bool>() ? "yes" : "no"},
                  {"level", v.get<bool>() ? "yes" : "no"}};
        } else if (v.is_number_integer()) {
          ++answered;
          cell = {{"text", std::to_string(v.get<int>())},
                  {"words", std::to_string(v.get<int>()) + " of " + std::to_string(f->scale)},
                  {"level", "rating"}};
        }
        cells.push_back(cell);
      }
      std::string summary;
      if (f->type == FieldType::kYesNo) {
        summary = std::to_string(yes) + " of " + std::to_string(answered) + " days";
      }
      rows.push_back({{"label", f->label}, {"cells", cells}, {"summary", summary}});
    }
    view["chart"] = {{"days", heads}, {"rows", rows}};
  }
  if (entry_stages) {
    // Every step the type's stages fields name, in the policy's order, with
    // the first day it was recorded (at the start or on a day since).
    std::map<std::string, std::string> first;
    json start = StoredFields(start_fields);
    for (const policy::PlanField* f : staged) Steps(start.value(f->id, json()), first);
    for (const auto& e : entries) {
      json fields = StoredFields(e.fields);
      for (const policy::PlanField* f : staged) Steps(fields.value(f->id, json()), first);
    }
    json steps = json::array();
    std::map<std::string, bool> listed;
    for (const policy::PlanField* f : staged) {
      for (const auto& c : f->choices) {
        if (listed[c]) continue;
        listed[c] = true;
        auto it = first.find(c);
        std::string when = it == first.end() ? "" : it->second;
        if (auto day = ParseDate(when, "on"); !when.empty() && day.ok()) {
          when = DateWords(*day, false);
        }
        steps.push_back({{"stage", c}, {"done", it != first.end()}, {"when", when}});
      }
    }
    view["steps"] = steps;
    view["has_steps"] = !steps.empty();
  }
  view["has"] = view.contains("chart") || view.contains("steps");
  return view;
}

}  // namespace attune::web
