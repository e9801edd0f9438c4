// Reading the recording form, and the small text helpers its pages share.
#include "web/record_form.h"

#include <algorithm>
#include <charconv>

namespace attune::web {
namespace {

bool Ticked(const http::FormData& form, const std::string& name) {
  std::string v = form.Get(name);
  return v == "1" || v == "on" || v == "yes" || v == "true";
}

std::vector<std::string> Unique(std::vector<std::string> items) {
  std::vector<std::string> out;
  for (auto& item : items) {
    if (item.empty() || std::find(out.begin(), out.end(), item) != out.end()) continue;
    out.push_back(std::move(item));
  }
  return out;
}

std::string LessonLabel(const TimetableLesson& l) {
  std::string label = l.period_name + " · " + l.group_name;
  if (!l.subject.empty()) label += " " + l.subject;
  return label.substr(0, 100);
}

}  // namespace

RecordKind ParseRecordKind(const std::string& text) {
  return text == "positive" ? RecordKind::kPositive : RecordKind::kDifficult;
}

const char* RecordKindName(RecordKind kind) {
  return kind == RecordKind::kPositive ? "positive" : "difficult";
}

RecordForm ReadRecordForm(const http::FormData& form, RecordKind kind) {
  RecordForm f;
  f.kind = kind;
  // At most a few hundred ids: the service refuses more than kMaxPupils.
  std::vector<std::string> ids = Unique(form.GetAll("pupil"));
  if (ids.size() > 500) ids.resize(500);
  for (const auto& id : ids) {
    f.pupil_ids.push_back(id);
    f.roles.push_back(kind == RecordKind::kPositive ? "involved" : form.Get("role_" + id));
  }
  f.category = form.Get("category");
  f.step = form.Get("step");
  f.date = form.Get("date");
  f.time = form.Get("time");
  f.place = form.Get("place");
  f.lesson = form.Get("lesson");
  f.antecedent = form.Get("antecedent");
  f.behaviour = form.Get("behaviour");
  f.response = form.Get("response");
  f.perceived_function = form.Get("perceived_function");
  f.others_involved = Unique(form.GetAll("others"));
  f.consequences = Unique(form.GetAll("consequence"));
  f.consequence_date = form.Get("consequence_date");
  f.safeguarding = Ticked(form, "safeguarding");
  f.physical_intervention = Ticked(form, "physical_intervention");
  PhysicalIntervention& p = f.physical;
  p.staff_involved = form.Get("pi_staff");
  p.before = form.Get("pi_before");
  p.de_escalation = form.Get("pi_de_escalation");
  p.hold = form.Get("pi_hold");
  p.reason = form.Get("pi_reason");
  p.injuries = form.Get("pi_injuries");
  p.support_after = form.Get("pi_support");
  p.parent_notice_would_harm = Ticked(form, "pi_notice_would_harm");
  f.duration = form.Get("pi_duration");
  f.staff_ids = Unique(form.GetAll("pi_staff_id"));
  if (f.staff_ids.size() > 20) f.staff_ids.resize(20);
  f.reward = form.Get("reward");
  f.send_home = form.Get("send_home");
  return f;
}

Result<RecordRequest> ToRecordRequest(const RecordForm& f) {
  RecordRequest r;
  for (size_t i = 0; i < f.pupil_ids.size(); ++i) {
    const std::string& text = f.pupil_ids[i];
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
      return Status::Invalid("Choose pupils from the list", "pupils");
    }
    r.pupils.push_back({id, f.roles[i].empty() ? "involved" : f.roles[i]});
  }
  r.category = f.category;
  r.step = f.step;
  if (!f.date.empty() || !f.time.empty()) {
    Date day = LondonDate(Now());
    if (!f.date.empty()) {
      auto parsed = ParseDate(f.date, "occurred_at");
      if (!parsed.ok()) {
        return Status::Invalid("Give the date it happened, for example 2026-11-23", "occurred_at");
      }
      day = *parsed;
    }
    if (f.time.empty()) return Status::Invalid("Give the time it happened", "occurred_at");
    // Some browsers send seconds too ("08:45:00").
    std::string hhmm = f.time.size() == 8 && f.time[5] == ':' ? f.time.substr(0, 5) : f.time;
    auto minutes = ParseTimeOfDay(hhmm, "occurred_at");
    if (!minutes.ok()) return minutes.status();
    r.occurred_at = LondonInstant(day, *minutes);
  }
  r.place = f.place;
  r.lesson = f.lesson;
  r.antecedent = f.antecedent;
  r.behaviour = f.behaviour;
  r.response = f.response;
  r.perceived_function = f.perceived_function;
  r.others_involved = f.others_involved;
  r.consequences = f.consequences;
  if (!f.consequence_date.empty()) {
    auto day = ParseDate(f.consequence_date, "consequence_date");
    if (!day.ok()) {
      return Status::Invalid("Give the date of the consequence, for example 2026-11-24",
                             "consequence_date");
    }
    r.consequence_date = *day;
  }
  r.safeguarding = f.safeguarding;
  r.physical_intervention = f.physical_intervention;
  if (f.physical_intervention) {
    r.physical = f.physical;
    auto minutes = http::IntValue(f.duration, 0, "physical_intervention.duration_minutes");
    if (!minutes.ok()) {
      return Status::Invalid("Give how long it lasted, in whole minutes (1 to 600)",
                             "physical_intervention.duration_minutes");
    }
    r.physical.duration_minutes = *minutes;
    for (const auto& text : f.staff_ids) {
      long long id = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
      if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
        return Status::Invalid("Choose the staff involved from the list",
                               "physical_intervention.staff_ids");
      }
      r.physical.staff_ids.push_back(id);
    }
  }
  r.reward = f.reward;
  r.send_home = f.send_home == "yes"  ? SendHome::kYes
                : f.send_home == "no" ? SendHome::kNo
                                      : SendHome::kAsPolicySays;
  return r;
}

RecordForm FreshRecordForm(RecordKind kind, const MyDay* day) {
  RecordForm f;
  f.kind = kind;
  Timestamp now = Now();
  f.date = FormatLondon(now, "%Y-%m-%d");
  f.time = FormatLondon(now, "%H:%M");
  if (day && day->lessons_are_today) {
    for (const auto& l : day->lessons) {
      if (day->now_minutes >= l.starts_at && day->now_minutes < l.ends_at) {
        f.place = l.place_name;
        f.lesson = LessonLabel(l);
        break;
      }
    }
  }
  return f;
}

std::string LowerFirst(const std::string& label) {
  if (label.size() < 2 || !std::isupper(static_cast<unsigned char>(label[0])) ||
      std::isupper(static_cast<unsigned char>(label[1]))) {
    return label;
  }
  std::string out = label;
  out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

}  // namespace attune::web
