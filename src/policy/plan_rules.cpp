#include "policy/plan_rules.h"

#include <algorithm>
#include <set>

namespace attune::policy {
namespace {

using nlohmann::json;

constexpr size_t kShortChars = 200;
constexpr size_t kLongChars = 4000;
constexpr size_t kMaxItems = 50;

size_t Chars(const std::string& s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// A control character other than a line break or tab: never typed, and
// nothing a page or a print can show.
bool HasControl(const std::string& s) {
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) return true;
  }
  return false;
}

std::string Trimmed(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Reads one field's value; adds problems under `name`; returns the clean
// value, or null when it is empty.
class FieldReader {
 public:
  FieldReader(const PlanField& f, std::string name, std::vector<PlanProblem>& out)
      : f_(f), name_(std::move(name)), out_(out) {}

  json Read(const json& v) {
    if (v.is_null()) return nullptr;
    switch (f_.type) {
      case FieldType::kShortText:
      case FieldType::kPerson:
        return Text(v, kShortChars, "");
      case FieldType::kLongText:
        return f_.view_of.empty() ? Text(v, kLongChars, "") : View(v);
      case FieldType::kDate: {
        if (!v.is_string()) return Wrong("a date written YYYY-MM-DD");
        auto d = ParseDate(v.get<std::string>(), name_);
        if (!d.ok()) return Bad("is not a date: write it as YYYY-MM-DD, e.g. 2026-12-07");
        return FormatDate(*d);
      }
      case FieldType::kTime: {
        if (!v.is_string()) return Wrong("a time of day written HH:MM");
        auto t = ParseTimeOfDay(v.get<std::string>(), name_);
        if (!t.ok()) return Bad("is not a time of day: write it as HH:MM, e.g. 10:45");
        return FormatTimeOfDay(*t);
      }
      case FieldType::kYesNo:
        if (!v.is_boolean()) return Wrong("true or false");
        return v;
      case FieldType::kRating: {
        if (!v.is_number_integer()) return Wrong("a whole number");
        long long n = v.get<long long>();
        if (n < 1 || n > f_.scale) {
          return Bad("must be from 1 to " + std::to_string(f_.scale));
        }
        return n;
      }
      case FieldType::kChoice: {
        if (!v.is_string()) return Wrong("one of the choices, as text");
        std::string s = v.get<std::string>();
        if (s.empty()) return nullptr;
        if (!Plan::Lists(f_.choices, s)) return Bad("must be one of: " + Choices());
        return s;
      }
      case FieldType::kPeople:
        return List(v, [&](const json& item) { return Text(item, kShortChars, "each name "); });
      case FieldType::kTargets:
        return List(v, [&](const json& item) { return Target(item); });
      case FieldType::kStages:
        return List(v, [&](const json& item) { return Stage(item); });
      case FieldType::kRecords:
        return List(v, [&](const json& item) -> json {
          if (!item.is_number_integer() || item.get<long long>() < 1) {
            return Bad("lists records by their number: each must be a whole number above 0");
          }
          return item;
        });
      case FieldType::kActions:
        return Actions(v);
      case FieldType::kAnxietyMap:
        return Bad("is drawn from the records and is never sent; leave it out");
    }
    return nullptr;
  }

 private:
  json Bad(const std::string& what) {
    out_.push_back({name_, f_.label + " " + what});
    return nullptr;
  }
  json Wrong(const std::string& expected) { return Bad("should be " + expected); }

  json Text(const json& v, size_t max, const std::string& each) {
    if (!v.is_string()) return Wrong("text");
    std::string s = Trimmed(v.get<std::string>());
    if (s.empty()) return nullptr;
    if (Chars(s) > max) {
      return Bad(each + "is too long: at most " + std::to_string(max) + " characters");
    }
    if (HasControl(s)) return Bad(each + "has a character that cannot be saved");
    return s;
  }

  json View(const json& v) {
    if (v.is_string()) {
      json text = Text(v, kLongChars, "");
      if (text.is_null()) return nullptr;
      return json{{"text", text}, {"given_by", f_.view_of}};
    }
    if (!v.is_object()) return Wrong("text, or {\"text\", \"given_by\"}");
    for (const auto& [k, _] : v.items()) {
      if (k != "text" && k != "given_by" && k != "written") return Bad("has no part '" + k + "'");
    }
    json text = Text(v.value("text", json()), kLongChars, "");
    json written = Written(v.value("written", json()));
    if (text.is_null()) return nullptr;
    json by = v.contains("given_by") ? Text(v["given_by"], kShortChars, "(who gave it) ")
                                     : json(f_.view_of);
    json out{{"text", text}, {"given_by", by.is_null() ? json(f_.view_of) : by}};
    if (!written.is_null()) {
      if (out["given_by"] != "pupil") {
        return Bad(
            "is written down with the pupil (\"written\": \"scribed\") but given by "
            "someone else; leave out given_by");
      }
      out["written"] = written;
    }
    return out;
  }

  // How the pupil's words were written: only "scribed" (an adult wrote
  // them down with the pupil) is taken from staff; "pupil" is set only by
  // the pupil's own turn (CheckPupilAnswers).
  json Written(const json& v) {
    if (v.is_null()) return nullptr;
    if (!f_.pupil_answers) {
      return Bad("is not answered by the pupil, so it has no part 'written'");
    }
    if (v != kScribed) {
      return Bad(
          "'written' is \"scribed\" when an adult writes the pupil's words down; the "
          "pupil's own turn marks what they write themselves");
    }
    return v;
  }

  json Target(const json& item) {
    if (item.is_string()) {
      json t = Text(item, 500, "each target ");
      return t.is_null() ? json() : json{{"target", t}};
    }
    if (!item.is_object()) return Wrong("a list of targets, each text or {\"target\", ...}");
    json out = json::object();
    for (const auto& [k, value] : item.items()) {
      if (k != "target" && k != "responsible" && k != "progress") {
        return Bad("has no part '" + k + "' (a target has target, responsible and progress)");
      }
      json t = Text(value, k == "responsible" ? kShortChars : 500, "(" + k + ") ");
      if (!t.is_null()) out[k] = t;
    }
    if (!out.contains("target")) return Bad("has a target without its text");
    return out;
  }

  json Stage(const json& item) {
    if (!item.is_object() || !item.contains("stage")) {
      return Wrong("a list of {\"stage\", \"on\"}");
    }
    json stage = item["stage"];
    if (!stage.is_string() || !Plan::Lists(f_.choices, stage.get<std::string>())) {
      return Bad("has a stage that is not one of: " + Choices());
    }
    json out{{"stage", stage}};
    if (item.contains("on")) {
      if (!item["on"].is_string() || !ParseDate(item["on"].get<std::string>()).ok()) {
        return Bad("has a stage whose date is not YYYY-MM-DD");
      }
      out["on"] = item["on"];
    }
    for (const auto& [k, _] : item.items()) {
      if (k != "stage" && k != "on") return Bad("has no part '" + k + "' (a stage has stage, on)");
    }
    return out;
  }

  json Actions(const json& v) {
    json list = List(v, [&](const json& item) -> json {
      if (!item.is_object() || !item.contains("action") || !item.contains("kind")) {
        return Wrong("a list of {\"action\", \"kind\"}");
      }
      json text = Text(item["action"], 500, "each action ");
      const json& kind = item["kind"];
      if (!kind.is_string() || (kind != "protective" && kind != "educational")) {
        return Bad("has an action whose kind is not \"protective\" or \"educational\"");
      }
      if (text.is_null()) return nullptr;
      return json{{"action", text}, {"kind", kind}};
    });
    if (list.is_array()) {
      bool protective = false, educational = false;
      for (const auto& a : list) {
        (a["kind"] == "protective" ? protective : educational) = true;
      }
      if (protective && !educational) {
        return Bad(
            "has a protective action without an educational one: add what will be taught, "
            "so the pupil learns what to do instead");
      }
    }
    return list;
  }

  template <typename Each>
  json List(const json& v, Each each) {
    if (!v.is_array()) return Wrong("a list");
    if (v.size() > kMaxItems) return Bad("has more than " + std::to_string(kMaxItems) + " items");
    json out = json::array();
    size_t before = out_.size();
    for (const auto& item : v) {
      json clean = each(item);
      if (!clean.is_null()) out.push_back(std::move(clean));
    }
    if (out_.size() != before || out.empty()) return nullptr;
    return out;
  }

  std::string Choices() const {
    std::string s;
    for (const auto& c : f_.choices) s += (s.empty() ? "" : ", ") + c;
    return s;
  }

  const PlanField& f_;
  std::string name_;
  std::vector<PlanProblem>& out_;
};

}  // namespace

std::optional<Date> SchoolDaysAfter(const SchoolTime& time, Date from, int n) {
  std::optional<Date> d = from;
  for (int i = 0; i < n && d; ++i) d = time.NextSchoolDay(*d);
  return d;
}

PlanDates Schedule(const Plan& plan, const SchoolTime& time, Date starts_on,
                   std::optional<int> check_in_every) {
  PlanDates out;
  if (plan.duration_school_days) {
    out.last_day = SchoolDaysAfter(time, starts_on, *plan.duration_school_days - 1);
  }
  if (plan.review_every_school_days) {
    out.first_review = SchoolDaysAfter(time, starts_on, *plan.review_every_school_days);
  }
  int every = check_in_every.value_or(plan.check_in_every_school_days.value_or(0));
  if (plan.entries == Plan::Entries::kCheckIn && every > 0) {
    out.first_check_in = SchoolDaysAfter(time, starts_on, every);
  }
  if (plan.notice_due) {
    out.notice_due = time.DueAt(*plan.notice_due, LondonInstant(starts_on, 0), starts_on);
  }
  return out;
}

std::optional<Date> EarliestStart(const Plan& plan, const SchoolTime& time, Timestamp now) {
  Date today = LondonDate(now);
  std::optional<Date> d = time.IsSchoolDay(today) ? today : time.NextSchoolDay(today);
  for (int i = 0; d && i < 400; ++i, d = time.NextSchoolDay(*d)) {
    if (!plan.notice_due) return d;
    auto due = time.DueAt(*plan.notice_due, now, *d);
    if (due && *due >= now) return d;
  }
  return std::nullopt;
}

std::vector<PlanProblem> CheckDates(const Plan& plan, const SchoolTime& time, Date starts_on,
                                    std::optional<Date> ends_on, Timestamp now) {
  std::vector<PlanProblem> out;
  SchoolDayInfo day = time.Describe(starts_on);
  if (!day.school_day) {
    auto next = time.NextSchoolDay(starts_on);
    out.push_back({"starts_on", DateWords(starts_on) + " is not a school day (" +
                                    day.closed_reason + ")" +
                                    (next ? "; the next is " + DateWords(*next) : "")});
    return out;
  }
  PlanDates dates = Schedule(plan, time, starts_on);
  if (ends_on && *ends_on < starts_on) {
    out.push_back(
        {"ends_on", "The plan cannot end before it starts (" + DateWords(starts_on) + ")"});
  } else if (ends_on && dates.last_day && *dates.last_day < *ends_on) {
    out.push_back({"ends_on", plan.name + " runs at most " +
                                  std::to_string(*plan.duration_school_days) +
                                  " school days under the policy: from " + DateWords(starts_on) +
                                  " its last day is " + DateWords(*dates.last_day) +
                                  ". Choose that day or an earlier one"});
  }
  if (dates.notice_due && *dates.notice_due < now) {
    auto earliest = EarliestStart(plan, time, now);
    out.push_back(
        {"starts_on", "Families must be told about a " + plan.name + " " +
                          plan.notice_due->Describe() + " it (" +
                          FormatLondon(*dates.notice_due, "%A %e %B %H:%M") +
                          "), and that time has passed" +
                          (earliest ? ". The earliest day still possible is " + DateWords(*earliest)
                                    : std::string())});
  }
  return out;
}

std::vector<PlanProblem> CheckFields(const Plan& plan, PlanStage stage, const json& fields,
                                     json& clean, const json& kept) {
  std::vector<PlanProblem> out;
  clean = json::object();
  if (!fields.is_object()) {
    out.push_back({"fields", "fields should be an object of field ids and their values"});
    return out;
  }
  std::vector<std::string> here;
  for (const auto& s : plan.sections) {
    if (s.stage != stage) continue;
    for (const auto& f : s.fields) {
      if (f.type != FieldType::kAnxietyMap) here.push_back(f.id);
    }
  }
  for (const auto& [key, value] : fields.items()) {
    const PlanSection* section = plan.SectionOf(key);
    if (!section) {
      out.push_back(
          {"fields." + key, plan.name + " has no field '" + key + "'" +
                                (here.empty() ? std::string(" (it has none at this stage)")
                                              : "; at this stage its fields are " + [&] {
                                                  std::string s;
                                                  for (const auto& h : here)
                                                    s += (s.empty() ? "" : ", ") + h;
                                                  return s;
                                                }())});
      continue;
    }
    if (section->stage != stage) {
      out.push_back(
          {"fields." + key, "'" + key + "' is filled " +
                                (section->stage == PlanStage::kStart    ? "when the plan starts"
                                 : section->stage == PlanStage::kEntry  ? "in each entry"
                                 : section->stage == PlanStage::kReview ? "at each review"
                                                                        : "when the plan ends") +
                                ", not here"});
      continue;
    }
    const PlanField* f = plan.FindField(key);
    json v = FieldReader(*f, "fields." + key, out).Read(value);
    if (!v.is_null()) clean[key] = std::move(v);
  }
  if (kept.is_object()) {
    for (const auto& [key, value] : kept.items()) {
      if (!fields.contains(key)) clean[key] = value;
    }
  }
  for (const auto& s : plan.sections) {
    if (s.stage != stage) continue;
    for (const auto& f : s.fields) {
      if (f.required && !clean.contains(f.id) &&
          std::none_of(out.begin(), out.end(),
                       [&](const PlanProblem& p) { return p.field == "fields." + f.id; })) {
        out.push_back({"fields." + f.id, f.label + " is needed: fill it in"});
      }
    }
  }
  return out;
}

std::vector<PlanProblem> CheckPupilAnswers(const PlanSection& section, const json& answers,
                                           json& clean) {
  std::vector<PlanProblem> out;
  clean = json::object();
  if (!answers.is_object()) {
    out.push_back({"fields", "answers should be an object of field ids and their words"});
    return out;
  }
  for (const auto& [key, value] : answers.items()) {
    const PlanField* f = nullptr;
    for (const auto& field : section.fields) {
      if (field.id == key && field.pupil_answers) f = &field;
    }
    if (!f) {
      out.push_back({"fields." + key, "That is not one of your questions."});
      continue;
    }
    if (!value.is_string()) {
      out.push_back({"fields." + key, "Please write your answer in words."});
      continue;
    }
    std::string text = Trimmed(value.get<std::string>());
    if (text.empty()) continue;
    if (Chars(text) > kLongChars) {
      out.push_back({"fields." + key, "Please make this answer shorter. You can write up to " +
                                          std::to_string(kLongChars) + " letters."});
      continue;
    }
    if (HasControl(text)) {
      out.push_back(
          {"fields." + key, "Something in this answer cannot be saved. Please type it again."});
      continue;
    }
    clean[key] = json{{"text", text}, {"given_by", "pupil"}, {"written", kByPupil}};
  }
  if (out.empty() && clean.empty()) {
    out.push_back({"fields", "Please write an answer to at least one question."});
  }
  return out;
}

json PupilWritten(const json& values) {
  json out = json::object();
  if (!values.is_object()) return out;
  for (const auto& [key, v] : values.items()) {
    if (v.is_object() && v.value("written", json()) == kByPupil) out[key] = v;
  }
  return out;
}

std::vector<long long> LinkedRecords(const Plan& plan, const json& clean) {
  std::vector<long long> out;
  for (const auto& s : plan.sections) {
    for (const auto& f : s.fields) {
      if (f.type != FieldType::kRecords || !clean.contains(f.id)) continue;
      for (const auto& id : clean[f.id]) out.push_back(id.get<long long>());
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string ParticipantWords(const Policy& policy, const std::string& p) {
  if (p == "pupil") return policy.Word("pupil", "pupil");
  if (p == "parent") return "parent or carer";
  if (p == "key_adult") return policy.Word("key_adult", "key adult");
  if (p == "teacher") return "teacher";
  if (p == "senior") return "senior leader";
  if (p == "senco") return "SENCO";
  if (p == "agency") return "outside agency";
  return "other";
}

}  // namespace attune::policy
