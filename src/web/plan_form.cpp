#include "web/plan_form.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "policy/plan_rules.h"

namespace attune::web {
namespace {

using nlohmann::json;
using policy::FieldType;

constexpr int kBlankRows = 3;  // empty rows offered for targets and actions

std::string Name(const policy::PlanField& f) { return "f." + f.id; }

std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line.erase(0, line.find_first_not_of(" \t\r"));
    line.erase(line.find_last_not_of(" \t\r") + 1);
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The i-th of the repeated values `name`, or "".
std::string Nth(const http::FormData& form, const std::string& name, size_t i) {
  std::vector<std::string> all = form.GetAll(name);
  return i < all.size() ? all[i] : "";
}

json Input(const policy::Policy& policy, const policy::PlanField& f, const json& v, bool invalid,
           const std::vector<LinkableRecord>& records, const std::string& prefix) {
  const std::string base = prefix + "-" + f.id;
  json out = {{"id", f.id},         {"label", f.label}, {"help", f.help},  {"required", f.required},
              {"invalid", invalid}, {"name", Name(f)},  {"input_id", base}};
  out[std::string("is_") + policy::FieldTypeName(f.type)] = true;
  switch (f.type) {
    case FieldType::kShortText:
    case FieldType::kPerson:
    case FieldType::kDate:
    case FieldType::kTime:
      out["value"] = Str(v);
      break;
    case FieldType::kLongText:
      if (f.pupil_answers) out["pupil_asks"] = f.AskedOfPupil();
      if (!f.view_of.empty()) {
        out["is_view"] = true;
        out["view_words"] = policy::ParticipantWords(policy, f.view_of);
        out["value"] = v.is_object() ? Str(v.value("text", json())) : Str(v);
        std::string by = v.is_object() ? Str(v.value("given_by", json())) : "";
        out["given_by"] = by == f.view_of ? "" : by;
      } else {
        out["value"] = Str(v);
      }
      break;
    case FieldType::kPeople: {
      std::string text;
      if (v.is_array()) {
        for (const auto& p : v) text += Str(p) + "\n";
      }
      out["value"] = text;
      break;
    }
    case FieldType::kYesNo:
      out["yes"] = v.is_boolean() && v.get<bool>();
      out["no"] = v.is_boolean() && !v.get<bool>();
      break;
    case FieldType::kRating: {
      json options = json::array();
      for (int i = 1; i <= f.scale; ++i) {
        options.push_back({{"value", i},
                           {"checked", v.is_number_integer() && v.get<int>() == i},
                           {"input_id", base + "-" + std::to_string(i)}});
      }
      out["options"] = options;
      break;
    }
    case FieldType::kChoice: {
      json options = json::array();
      for (const auto& c : f.choices) options.push_back({{"value", c}, {"selected", Str(v) == c}});
      out["options"] = options;
      break;
    }
    case FieldType::kStages: {
      json options = json::array();
      int n = 0;
      for (const auto& c : f.choices) {
        std::string on;
        bool checked = false;
        if (v.is_array()) {
          for (const auto& s : v) {
            if (Str(s.value("stage", json())) == c) {
              checked = true;
              on = Str(s.value("on", json()));
            }
          }
        }
        options.push_back({{"value", c},
                           {"checked", checked},
                           {"on", on},
                           {"n", n},
                           {"input_id", base + "-" + std::to_string(n)}});
        ++n;
      }
      out["options"] = options;
      break;
    }
    case FieldType::kTargets: {
      json rows = json::array();
      int n = 0;
      if (v.is_array()) {
        for (const auto& t : v) {
          json row = t.is_string() ? json{{"target", t}} : t;
          rows.push_back({{"n", ++n},
                          {"target", Str(row.value("target", json()))},
                          {"responsible", Str(row.value("responsible", json()))},
                          {"progress", Str(row.value("progress", json()))}});
        }
      }
      for (int i = 0; i < kBlankRows; ++i) rows.push_back({{"n", ++n}});
      out["rows"] = rows;
      break;
    }
    case FieldType::kActions: {
      json rows = json::array();
      int n = 0;
      if (v.is_array()) {
        for (const auto& a : v) {
          std::string kind = Str(a.value("kind", json()));
          rows.push_back({{"n", ++n},
                          {"action", Str(a.value("action", json()))},
                          {"protective", kind == "protective"},
                          {"educational", kind == "educational"}});
        }
      }
      for (int i = 0; i < kBlankRows; ++i) rows.push_back({{"n", ++n}, {"educational", true}});
      out["rows"] = rows;
      break;
    }
    case FieldType::kRecords: {
      json options = json::array();
      for (const auto& r : records) {
        bool checked = false;
        if (v.is_array()) {
          for (const auto& id : v)
            checked = checked || (id.is_number() && id.get<long long>() == r.id);
        }
        options.push_back({{"value", r.id},
                           {"label", r.label},
                           {"checked", checked},
                           {"input_id", base + "-" + std::to_string(r.id)}});
      }
      out["options"] = options;
      out["has_options"] = !records.empty();
      break;
    }
    case FieldType::kAnxietyMap:
      break;
  }
  return out;
}

}  // namespace

json FormInputs(const policy::Policy& policy, const policy::Plan& type, policy::PlanStage stage,
                const json& values, const std::string& error_field,
                const std::vector<LinkableRecord>& records, const std::string& id_prefix) {
  json sections = json::array();
  bool pupils = false;
  for (const auto& s : type.sections) {
    if (s.stage != stage) continue;
    pupils = pupils || s.HasPupilFields();
    json fields = json::array();
    for (const auto& f : s.fields) {
      if (f.type == FieldType::kAnxietyMap) continue;  // drawn, never typed
      json v = values.is_object() && values.contains(f.id) ? values[f.id] : json();
      fields.push_back(Input(policy, f, v, error_field == "fields." + f.id, records, id_prefix));
    }
    if (!fields.empty()) {
      sections.push_back({{"title", s.title}, {"help", s.help}, {"fields", fields}});
    }
  }
  return {{"sections", sections},
          {"has_sections", !sections.empty()},
          {"has_pupil_fields", pupils},
          {"with_pupil", [&] {
             for (const auto& [k, v] : values.items()) {
               if (v.is_object() && v.value("written", json()) == policy::kScribed) return true;
             }
             return false;
           }()}};
}

json StoredFields(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_object() ? j : json::object();
}

json ReadFormFields(const policy::Plan& type, policy::PlanStage stage, const http::FormData& form) {
  json out = json::object();
  for (const auto& s : type.sections) {
    if (s.stage != stage) continue;
    for (const auto& f : s.fields) {
      std::string name = Name(f);
      std::string text = form.Get(name);
      switch (f.type) {
        case FieldType::kShortText:
        case FieldType::kPerson:
        case FieldType::kDate:
        case FieldType::kTime:
        case FieldType::kChoice:
          if (!text.empty()) out[f.id] = text;
          break;
        case FieldType::kLongText:
          if (text.empty()) break;
          if (f.pupil_answers && form.Get("with_pupil") == "yes") {
            // The pupil's own words, written down by the adult with them.
            out[f.id] = {{"text", text}, {"written", policy::kScribed}};
          } else if (!f.view_of.empty() && !form.Get(name + ".given_by").empty()) {
            out[f.id] = {{"text", text}, {"given_by", form.Get(name + ".given_by")}};
          } else {
            out[f.id] = text;
          }
          break;
        case FieldType::kPeople: {
          auto lines = Lines(text);
          if (!lines.empty()) out[f.id] = lines;
          break;
        }
        case FieldType::kYesNo:
          if (text == "yes" || text == "no") out[f.id] = text == "yes";
          break;
        case FieldType::kRating:
          if (!text.empty()) {
            try {
              out[f.id] = std::stoi(text);
            } catch (const std::exception&) {
              out[f.id] = text;  // the service names it
            }
          }
          break;
        case FieldType::kStages: {
          json list = json::array();
          for (size_t i = 0; i < f.choices.size(); ++i) {
            std::string n = std::to_string(i);
            if (form.Get(name + ".stage." + n).empty()) continue;
            json item = {{"stage", f.choices[i]}};
            if (std::string on = form.Get(name + ".on." + n); !on.empty()) item["on"] = on;
            list.push_back(item);
          }
          if (!list.empty()) out[f.id] = list;
          break;
        }
        case FieldType::kTargets: {
          json list = json::array();
          size_t rows = form.GetAll(name + ".target").size();
          for (size_t i = 0; i < rows; ++i) {
            std::string target = Nth(form, name + ".target", i);
            if (Lines(target).empty()) continue;
            json item = {{"target", target}};
            if (auto r = Nth(form, name + ".responsible", i); !r.empty()) item["responsible"] = r;
            if (auto p = Nth(form, name + ".progress", i); !p.empty()) item["progress"] = p;
            list.push_back(item);
          }
          if (!list.empty()) out[f.id] = list;
          break;
        }
        case FieldType::kActions: {
          json list = json::array();
          size_t rows = form.GetAll(name + ".action").size();
          for (size_t i = 0; i < rows; ++i) {
            std::string action = Nth(form, name + ".action", i);
            if (Lines(action).empty()) continue;
            std::string kind = form.Get(name + ".kind." + std::to_string(i + 1));
            list.push_back({{"action", action}, {"kind", kind.empty() ? "educational" : kind}});
          }
          if (!list.empty()) out[f.id] = list;
          break;
        }
        case FieldType::kRecords: {
          json list = json::array();
          for (const auto& id : form.GetAll(name)) {
            try {
              list.push_back(std::stoll(id));
            } catch (const std::exception&) {
              list.push_back(id);  // the service names it
            }
          }
          if (!list.empty()) out[f.id] = list;
          break;
        }
        case FieldType::kAnxietyMap:
          break;
      }
    }
  }
  return out;
}

json FormValues(const policy::Policy& policy, const policy::Plan& type, policy::PlanStage stage,
                const json& values, const std::vector<Incident>& records) {
  json sections = json::array();
  for (const auto& s : type.sections) {
    if (s.stage != stage) continue;
    json fields = json::array();
    for (const auto& f : s.fields) {
      if (!values.is_object() || !values.contains(f.id)) continue;
      const json& v = values[f.id];
      json item = {{"label", f.label}};
      json items = json::array();
      switch (f.type) {
        case FieldType::kYesNo:
          item["text"] = v.is_boolean() && v.get<bool>() ? "Yes" : "No";
          break;
        case FieldType::kRating:
          item["text"] = std::to_string(v.get<int>()) + " of " + std::to_string(f.scale);
          break;
        case FieldType::kDate:
          if (auto d = ParseDate(Str(v)); d.ok()) item["text"] = DateWords(*d);
          break;
        case FieldType::kLongText:
          if (v.is_object()) {
            item["text"] = Str(v.value("text", json()));
            std::string by = Str(v.value("given_by", json()));
            std::string written = Str(v.value("written", json()));
            item["by_pupil"] = written == policy::kByPupil;
            item["scribed"] = written == policy::kScribed;
            if (written.empty()) {
              item["given_by"] = by == f.view_of ? policy::ParticipantWords(policy, by) : by;
            }
          } else {
            item["text"] = Str(v);
          }
          break;
        case FieldType::kPeople:
          for (const auto& p : v) items.push_back({{"text", Str(p)}});
          break;
        case FieldType::kTargets:
          for (const auto& t : v) {
            std::string text = Str(t.value("target", json()));
            std::string who = Str(t.value("responsible", json()));
            std::string progress = Str(t.value("progress", json()));
            items.push_back({{"text", text}, {"who", who}, {"progress", progress}});
          }
          break;
        case FieldType::kActions:
          for (const auto& a : v) {
            std::string kind = Str(a.value("kind", json()));
            items.push_back({{"text", Str(a.value("action", json()))},
                             {"kind", kind == "protective" ? "Protective" : "Educational"}});
          }
          break;
        case FieldType::kStages:
          for (const auto& st : v) {
            std::string on = Str(st.value("on", json()));
            auto d = ParseDate(on);
            items.push_back({{"text", Str(st.value("stage", json()))},
                             {"who", d.ok() ? DateWords(*d, false) : ""}});
          }
          break;
        case FieldType::kRecords:
          for (const auto& id : v) {
            for (const auto& r : records) {
              if (id.is_number() && r.id == id.get<long long>()) {
                const auto* c = policy.FindCategory(r.category);
                items.push_back({{"text", FormatLondon(r.occurred_at, "%e %B %Y") + ": " +
                                              (c ? c->name : r.category)},
                                 {"href", "/incidents/" + std::to_string(r.id)}});
              }
            }
          }
          break;
        default:
          item["text"] = Str(v);
      }
      if (!items.empty()) {
        item["items"] = items;
        item["has_items"] = true;
      }
      if (item.contains("text") || !items.empty()) fields.push_back(item);
    }
    if (!fields.empty()) sections.push_back({{"title", s.title}, {"fields", fields}});
  }
  return {{"sections", sections}, {"has_sections", !sections.empty()}};
}

json AnxietyMap(const std::vector<Incident>& records) {
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  constexpr int kFirstHour = 8, kLastHour = 15;  // 08:00 to 15:59
  int counts[5][kLastHour - kFirstHour + 1] = {};
  std::map<std::string, int> places;
  int total = 0, most = 0;
  for (const auto& r : records) {
    if (r.behaviour_class == "prosocial") continue;
    int weekday = IsoWeekday(LondonDate(r.occurred_at));
    int hour = std::stoi(FormatLondon(r.occurred_at, "%H"));
    if (weekday > 5 || hour < kFirstHour || hour > kLastHour) continue;
    int& c = counts[weekday - 1][hour - kFirstHour];
    most = std::max(most, ++c);
    ++total;
    if (!r.place.empty()) ++places[r.place];
  }
  json hours = json::array();
  for (int h = kFirstHour; h <= kLastHour; ++h) hours.push_back(FormatTimeOfDay(h * 60));
  json rows = json::array();
  for (int d = 0; d < 5; ++d) {
    json cells = json::array();
    for (int h = 0; h <= kLastHour - kFirstHour; ++h) {
      int c = counts[d][h];
      int level = c == 0 || most == 0 ? 0 : 1 + (3 * (c - 1)) / std::max(1, most);
      cells.push_back({{"count", c}, {"level", std::min(level, 3)}, {"has", c > 0}});
    }
    rows.push_back({{"day", kDays[d]}, {"cells", cells}});
  }
  std::vector<std::pair<int, std::string>> sorted;
  for (const auto& [p, c] : places) sorted.push_back({-c, p});
  std::sort(sorted.begin(), sorted.end());
  json top = json::array();
  for (size_t i = 0; i < sorted.size() && i < 3; ++i) {
    top.push_back({{"place", sorted[i].second}, {"count", -sorted[i].first}});
  }
  return {{"hours", hours},
          {"rows", rows},
          {"places", top},
          {"total", total},
          {"has_records", total > 0}};
}

}  // namespace attune::web
