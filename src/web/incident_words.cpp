#include "web/incident_words.h"

namespace attune::web {
namespace {

int DaysBetween(Date from, Date to) {
  return static_cast<int>((date::sys_days(to) - date::sys_days(from)).count());
}

std::string Trimmed(std::string text) {
  // date::format's %e pads single days with a space.
  size_t start = text.find_first_not_of(' ');
  return start == std::string::npos ? "" : text.substr(start);
}

}  // namespace

std::string DueWords(Timestamp due, Timestamp now) {
  int days = DaysBetween(LondonDate(now), LondonDate(due));
  std::string time = FormatLondon(due, "%H:%M");
  if (days == 0) return "today " + time;
  if (days == 1) return "tomorrow " + time;
  if (days == -1) return "yesterday " + time;
  if (days > 1 && days < 7) return FormatLondon(due, "%A") + " " + time;
  return Trimmed(FormatLondon(due, "%a %e %B ")) + time;
}

std::string WhenWords(Timestamp at, Timestamp now) {
  int days = DaysBetween(LondonDate(at), LondonDate(now));
  std::string time = FormatLondon(at, "%H:%M");
  if (days == 0) return "today " + time;
  if (days == 1) return "yesterday " + time;
  Date day = LondonDate(at);
  return DateWords(day, day.year() != LondonDate(now).year()) + " " + time;
}

std::string Counted(long long n, const std::string& one, const std::string& many) {
  if (n <= 0) return "";
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string Capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

const std::vector<std::string>& ClassNames() {
  static const std::vector<std::string> names = {"prosocial", "low_level", "difficult",
                                                 "dangerous"};
  return names;
}

std::string ClassWords(const std::string& c) {
  if (c == "prosocial") return policy::ClassLabel(policy::BehaviourClass::kProsocial);
  if (c == "low_level") return policy::ClassLabel(policy::BehaviourClass::kLowLevel);
  if (c == "difficult") return policy::ClassLabel(policy::BehaviourClass::kDifficult);
  if (c == "dangerous") return policy::ClassLabel(policy::BehaviourClass::kDangerous);
  return c;
}

std::string RoleWords(const std::string& role_name) {
  if (role_name == "key_adult") return "Key adult";
  if (role_name == "form_tutor") return "Form tutor";
  if (auto role = ParseRole(role_name)) return RoleLabel(*role);
  return role_name;
}

std::string AssigneeWords(const Action& a, const Principal& viewer) {
  if (a.assignee_staff_id) {
    if (a.assignee_staff_id == viewer.staff_id) return "You";
    if (!a.assignee_name.empty()) return a.assignee_name;
    return RoleWords(a.assignee_role);
  }
  return "Any " + [&] {
    std::string r = RoleWords(a.assignee_role);
    if (!r.empty() && r != "SENCO") {
      r[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(r[0])));
    }
    return r;
  }();
}

nlohmann::json ActionJson(const Action& a, Timestamp now, const Principal& viewer) {
  bool overdue = a.Overdue(now);
  bool done = a.status == "done";
  return {{"id", a.id},
          {"kind", a.kind},
          {"label", a.label.empty() ? policy::ActionLabel(a.kind) : a.label},
          {"pupil_id", a.pupil_id},
          {"has_pupil", a.pupil_id != 0},
          {"pupil_name", a.pupil_name},
          {"incident_id", a.incident_id},
          {"has_incident", a.incident_id != 0},
          {"plan_id", a.plan_id},
          {"has_plan", a.plan_id != 0},
          {"assignee", AssigneeWords(a, viewer)},
          {"for_words",
           [&] {
             std::string who = AssigneeWords(a, viewer);
             return "for " +
                    (who == "You" || who.rfind("Any ", 0) == 0
                         ? std::string(1, static_cast<char>(std::tolower(who[0]))) + who.substr(1)
                         : who);
           }()},
          {"has_due", a.due_at.has_value()},
          {"due_words", a.due_at ? DueWords(*a.due_at, now) : ""},
          {"due_iso", a.due_at ? FormatUtc(*a.due_at) : ""},
          {"overdue", overdue},
          {"open", !done},
          {"done", done},
          {"outcome", a.outcome},
          {"completed_words", a.completed_at ? WhenWords(*a.completed_at, now) : ""},
          {"completed_by", a.completed_by_name},
          {"description", a.description},
          {"because", a.because}};
}

RepairState RepairOf(bool asked, std::optional<Timestamp> due, const RepairOutcome& outcome,
                     Timestamp now, const std::string& pupil_word) {
  if (outcome.repaired_at) {
    if (!due || *outcome.repaired_at <= *due) return {"in_time", "Repaired within time"};
    return {"late", "Repaired, after the time the policy gives (due " + DueWords(*due, now) + ")"};
  }
  if (outcome.no_repair) {
    return {"not_repaired",
            "Not repaired: " + NoRepairReasonWords(outcome.no_repair->reason, pupil_word)};
  }
  if (!asked) return {};
  if (!due) return {"due", "Repair not yet done"};
  if (*due < now) return {"overdue", "Repair overdue: it was due " + DueWords(*due, now)};
  return {"due", "Repair not yet done, due " + DueWords(*due, now)};
}

std::string SafeBack(const std::string& back, const std::string& fallback) {
  if (back.empty() || back[0] != '/' || back.size() > 500) return fallback;
  if (back.size() > 1 && (back[1] == '/' || back[1] == '\\')) return fallback;
  for (char c : back) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\\') return fallback;
  }
  return back;
}

std::string PhoneLink(const std::string& phone) {
  std::string out;
  for (char c : phone) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '+') out += c;
  }
  return out;
}

nlohmann::json ContactJson(const Contact& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"relationship", c.relationship},
          {"pr", c.parental_responsibility},
          {"phone", c.phone},
          {"phone_link", PhoneLink(c.phone)},
          {"email", c.email}};
}

}  // namespace attune::web
