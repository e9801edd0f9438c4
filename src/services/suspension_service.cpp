#include "services/suspension_service.h"

#include <algorithm>

#include "services/action_service.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"
#include "services/text.h"

namespace attune {
namespace {

constexpr const char* kDecisionAction = "suspension_decision";

Date AddDays(Date d, int n) { return Date{date::sys_days(d) + date::days(n)}; }

// "Monday 23 November" for messages.
std::string Day(Date d) { return DateWords(d, false); }

// The outcome note on the suspension_decision action once all is done.
std::string SuspendedOutcome(const Suspension& s) {
  std::string codes;
  for (const auto& c : s.reason_codes) codes += (codes.empty() ? "" : ", ") + c;
  return "Suspended for " + SchoolDaysWords(s.school_days) + " from " + DateWords(*s.starts_on) +
         " (" + codes + "); parents and the local authority told in writing";
}

}  // namespace

Date SuspensionService::SchoolYearStart(Date day) {
  int year = static_cast<int>(day.year());
  if (day.month() < date::August) --year;
  return Date{date::year(year), date::August, date::day(1)};
}

Status SuspensionService::Validate(const SuspensionDecision& d) {
  if (d.decision == "not_suspended") {
    std::string reason = Trim(d.reason);
    if (reason.empty()) {
      return Status::Invalid("Say in a sentence why there is no suspension", "reason");
    }
    if (reason.size() > kMaxNotSuspendedReason) {
      return Status::Invalid("The reason is too long: at most " +
                                 std::to_string(kMaxNotSuspendedReason) + " characters",
                             "reason");
    }
    return Status::Ok();
  }
  if (d.decision != "suspend") {
    return Status::Invalid("Choose whether to suspend or not", "decision");
  }
  if (d.reason_codes.empty()) {
    return Status::Invalid("Choose at least one DfE reason code", "reason_codes");
  }
  if (d.reason_codes.size() > 3) {
    return Status::Invalid("Choose at most three reason codes (" +
                               std::to_string(d.reason_codes.size()) + " are chosen)",
                           "reason_codes");
  }
  for (size_t k = 0; k < d.reason_codes.size(); ++k) {
    const std::string& code = d.reason_codes[k];
    if (!IsSuspensionReasonCode(code)) {
      std::string shown = code;
      if (shown.size() > 20) {
        size_t cut = 20;  // on a UTF-8 character boundary
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
        shown = shown.substr(0, cut) + "…";
      }
      return Status::Invalid("\"" + shown +
                                 "\" is not a DfE reason code; choose from the list (there is "
                                 "no \"other\")",
                             "reason_codes");
    }
    if (std::find(d.reason_codes.begin(), d.reason_codes.begin() + k, code) !=
        d.reason_codes.begin() + k) {
      return Status::Invalid(SuspensionReasonWords(code) + " is chosen twice; choose each once",
                             "reason_codes");
    }
  }
  if (Trim(d.starts_on).empty()) {
    return Status::Invalid("Give the first day of the suspension", "starts_on");
  }
  auto starts = ParseDate(Trim(d.starts_on), "starts_on");
  if (!starts.ok()) return starts.status();
  if (d.school_days < 1 || d.school_days > kMaxSuspensionDaysInYear) {
    return Status::Invalid("Give the number of school days, from 1 to " +
                               std::to_string(kMaxSuspensionDaysInYear) +
                               " (the most the law allows in a school year)",
                           "school_days");
  }
  return Status::Ok();
}

Result<Incident> SuspensionService::Load(const Principal& by, long long incident_id) {
  auto incident = store_.GetIncident(by.school_id, incident_id);
  if (!incident.ok()) return incident.status();
  if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such record");
  if (!RoleHas(by.role, Permission::kSuspensionDecide)) {
    return Status::Forbidden("Only the headteacher (a senior leader) decides a suspension");
  }
  return incident;
}

Status SuspensionService::CheckStart(const Incident& incident, Date starts_on) {
  Date day = LondonDate(incident.occurred_at);
  if (starts_on < day) {
    return Status::Invalid("A suspension cannot start before the incident, on " + Day(day) +
                               "; give " + Day(day) + " or a later school day",
                           "starts_on");
  }
  if (starts_on > AddDays(day, 60)) {
    return Status::Invalid("That is more than 60 days after the incident; check the date",
                           "starts_on");
  }
  auto time = clock_.For(incident.school_id);
  if (!time.ok()) return time.status();
  policy::SchoolDayInfo info = (*time)->Describe(starts_on);
  // A school without a calendar has no next school day: nothing to check.
  auto next = (*time)->NextSchoolDay(starts_on);
  if (!info.school_day && next) {
    return Status::Invalid(Day(starts_on) + " is not a school day (" + info.closed_reason +
                               "); the next school day is " + Day(*next),
                           "starts_on");
  }
  return Status::Ok();
}

Status SuspensionService::CheckYearTotal(const Incident& incident, Date starts_on,
                                         int school_days) {
  auto pupils = DaysSoFar(incident, starts_on);
  if (!pupils.ok()) return pupils.status();
  for (const auto& p : *pupils) {
    if (p.days + school_days <= kMaxSuspensionDaysInYear) continue;
    int left = std::max(0, kMaxSuspensionDaysInYear - p.days);
    std::string message = p.name + " has already been suspended for " + SchoolDaysWords(p.days) +
                          " this school year, and the law allows " +
                          std::to_string(kMaxSuspensionDaysInYear) + " in all: ";
    message += left == 0 ? std::string("no more suspension days are possible this school year")
                         : "at most " + SchoolDaysWords(left) + " more";
    return Status::Invalid(message, "school_days");
  }
  return Status::Ok();
}

Result<Suspension> SuspensionService::Decide(const Principal& by, long long incident_id,
                                             const SuspensionDecision& d, const std::string& ip) {
  auto incident = Load(by, incident_id);
  if (!incident.ok()) return incident.status();
  if (!incident->suspension) {
    return Status::Invalid("This record is not a suspension: no one was sent home or off site",
                           "decision");
  }
  if (incident->suspension->decided()) {
    return Status::Conflict("The decision is already recorded", "decision");
  }
  ATTUNE_RETURN_IF_ERROR(Validate(d));
  Timestamp now = Now();
  Suspension s = *incident->suspension;
  s.decided_by_staff_id = by.staff_id;
  s.decided_at = now;
  std::string detail;
  if (d.decision == "suspend") {
    Date starts = *ParseDate(Trim(d.starts_on), "starts_on");
    ATTUNE_RETURN_IF_ERROR(CheckStart(*incident, starts));
    ATTUNE_RETURN_IF_ERROR(CheckYearTotal(*incident, starts, d.school_days));
    s.outcome = Suspension::kSuspended;
    s.reason_codes = d.reason_codes;
    s.starts_on = starts;
    s.school_days = d.school_days;
    detail = "suspended " + SchoolDaysWords(d.school_days) + " from " + FormatDate(starts) + ":";
    for (const auto& c : d.reason_codes) detail += " " + c;
  } else {
    s.outcome = Suspension::kNotSuspended;
    s.not_suspended_reason = Trim(d.reason);
    detail = "not suspended";
  }
  ATTUNE_RETURN_IF_ERROR(store_.SaveSuspension(by.school_id, incident_id, s));
  Audit(store_, &by, "suspension.decide", "incident", incident_id, detail, ip);
  if (!s.suspended()) {
    ATTUNE_RETURN_IF_ERROR(
        Settle(by, incident_id, "Not suspended: " + s.not_suspended_reason, now));
  }
  return s;
}

Result<Suspension> SuspensionService::MarkNoticeSent(const Principal& by, long long incident_id,
                                                     const std::string& which,
                                                     const std::string& ip) {
  auto incident = Load(by, incident_id);
  if (!incident.ok()) return incident.status();
  bool parent = which == kParentNotice;
  if (!parent && which != kLocalAuthorityNotice) {
    return Status::Invalid("Say which notice was sent: parent or local_authority", "notice");
  }
  if (!incident->suspension || !incident->suspension->suspended()) {
    return Status::Invalid(
        "Notices follow a decision to suspend; record the headteacher's decision first", "notice");
  }
  Suspension s = *incident->suspension;
  auto& sent = parent ? s.parent_notice_at : s.la_notice_at;
  if (sent) {
    return Status::Conflict(parent ? "Parents and carers are already marked as told"
                                   : "The local authority is already marked as told",
                            "notice");
  }
  Timestamp now = Now();
  ATTUNE_RETURN_IF_ERROR(store_.MarkSuspensionNoticeSent(by.school_id, incident_id, parent, now));
  sent = now;
  Audit(store_, &by, parent ? "suspension.parent_notice" : "suspension.la_notice", "incident",
        incident_id, "", ip);
  if (s.parent_notice_at && s.la_notice_at) {
    ATTUNE_RETURN_IF_ERROR(Settle(by, incident_id, SuspendedOutcome(s), now));
  }
  return s;
}

Status SuspensionService::Settle(const Principal& by, long long incident_id,
                                 const std::string& outcome, Timestamp now) {
  ATTUNE_RETURN_IF_ERROR(
      CompleteOpenActions(store_, by, incident_id, 0, {kDecisionAction}, outcome, now));
  return CloseIfSettled(store_, by.school_id, incident_id, now);
}

Result<std::vector<SuspensionDaysSoFar>> SuspensionService::DaysSoFar(const Incident& incident,
                                                                      Date on) {
  Date from = SchoolYearStart(on);
  Date to = Date{from.year() + date::years(1), date::August, date::day(1)};
  std::vector<SuspensionDaysSoFar> out;
  for (const auto& p : incident.pupils) {
    if (p.role != "involved") continue;
    auto days = store_.SuspensionDays(incident.school_id, p.pupil_id, from, to, incident.id);
    if (!days.ok()) return days.status();
    out.push_back({p.pupil_id, p.name, *days});
  }
  return out;
}

Result<std::optional<Date>> SuspensionService::ReturnDay(long long school_id, Date starts_on,
                                                         int school_days) {
  auto time = clock_.For(school_id);
  if (!time.ok()) return time.status();
  std::optional<Date> day = starts_on;
  for (int k = 1; k < school_days && day; ++k) day = (*time)->NextSchoolDay(*day);
  if (!day) return std::optional<Date>();
  return (*time)->NextSchoolDay(*day);
}

}  // namespace attune
