#include "services/action_service.h"

#include <algorithm>
#include <charconv>

#include "services/audit.h"
#include "services/authorization.h"
#include "services/incident_service.h"
#include "services/notification_service.h"
#include "services/text.h"

namespace attune {

bool ActionService::IsAssignee(const Principal& by, const Action& a) {
  if (a.assignee_staff_id) return a.assignee_staff_id == by.staff_id;
  return a.assignee_role == RoleName(by.role);
}

bool ActionService::DoneByItsRecord(const std::string& kind) {
  return kind == "suspension_decision" || kind == "restorative_conversation" || kind == "repair" ||
         kind == "amends" || kind == "plan_review" || kind == "plan_check_in" || kind == "plan_end";
}

namespace {

// What to record instead of a note, for an action DoneByItsRecord.
std::string RecordInstead(const std::string& kind) {
  if (kind == "restorative_conversation") {
    return "A restorative conversation is not marked done with a note. Record the conversation "
           "on the record, and that completes it; if it will not happen, a senior leader records "
           "why there";
  }
  if (kind == "repair") {
    return "A repair is not marked done with a note. Record the repair with the adult involved, "
           "on the record's restorative conversation, and that completes it; if it will not "
           "happen, a senior leader records why there";
  }
  if (kind == "amends") {
    return "Amends are not marked done with a note. Record them on the record, in the words of "
           "the one who proposes them, and that completes it";
  }
  if (kind == "plan_review" || kind == "plan_check_in" || kind == "plan_end") {
    return "This is done on the plan: write the review, the check-in or the decision there, and "
           "that completes it";
  }
  return "This is done on the record: the headteacher's decision, then the notices to parents "
         "and the local authority";
}

}  // namespace

namespace {

// The store's query for `filter` as `by` sees it, or why it is refused.
Result<ActionQuery> QueryFor(const Principal& by, const ActionFilter& f, int max_limit = 200) {
  if (f.limit < 1 || f.limit > max_limit) {
    return Status::Invalid("limit must be 1 to " + std::to_string(max_limit), "limit");
  }
  if (f.offset < 0 || f.offset > 1000000) {
    return Status::Invalid("offset must be 0 to 1000000", "offset");
  }
  if (f.status != "open" && f.status != "done") {
    return Status::Invalid("status must be open or done", "status");
  }
  if (f.year_group < 0 || f.year_group > 14) {
    return Status::Invalid("year must be a year group, 0 to 14", "year");
  }
  ActionQuery q;
  q.school_id = by.school_id;
  q.status = f.status;
  q.viewer_role = RestrictedReaderName(by.role);
  q.pupil_id = f.pupil_id;
  q.year_group = f.year_group;
  q.form_id = f.form_id;
  q.kind = f.kind;
  q.limit = f.limit;
  q.offset = f.offset;
  if (f.scope == "mine") {
    q.role = RoleName(by.role);
    q.staff_id = by.staff_id;
    return q;
  }
  if (f.scope != "role" && f.scope != "all") {
    return Status::Invalid("scope must be mine, role or all", "scope");
  }
  if (!RoleHas(by.role, Permission::kActionsManage)) {
    return Status::Forbidden("Your role sees its own actions only");
  }
  std::string role = f.scope == "role" ? f.role : "";
  if (f.assignee.rfind("role:", 0) == 0) {
    role = f.assignee.substr(5);
  } else if (f.assignee.rfind("staff:", 0) == 0) {
    std::string digits = f.assignee.substr(6);
    long long id = 0;
    auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (err != std::errc() || end != digits.data() + digits.size() || id <= 0) {
      return Status::Invalid("Choose who the actions are for", "assignee");
    }
    q.staff_id = id;
  } else if (!f.assignee.empty()) {
    return Status::Invalid("Choose who the actions are for", "assignee");
  }
  if (!role.empty() || f.scope == "role") {
    if (!ParseRole(role) && role != "key_adult") return Status::Invalid("Choose a role", "role");
    q.role = role;
  }
  return q;
}

}  // namespace

Result<std::vector<Action>> ActionService::List(const Principal& by, const ActionFilter& f,
                                                const std::string& ip) {
  return ListUpTo(by, f, 200, ip);
}

Result<std::vector<Action>> ActionService::Export(const Principal& by, const ActionFilter& f,
                                                  const std::string& ip) {
  return ListUpTo(by, f, kMaxExported, ip);
}

Result<std::vector<Action>> ActionService::ListUpTo(const Principal& by, const ActionFilter& f,
                                                    int max_limit, const std::string& ip) {
  auto q = QueryFor(by, f, max_limit);
  if (!q.ok()) return q.status();
  if (f.due_today) {
    Date tomorrow = date::year_month_day(date::sys_days(LondonDate(Now())) + date::days(1));
    q->due_before = LondonInstant(tomorrow, 0);
  }
  return NotingRestricted(store_, by, store_.ListActions(*q), ip);
}

DueEdges DueEdgesAt(Timestamp now) {
  Date london = LondonDate(now);
  date::sys_days today = date::sys_days(london);
  int weekday = IsoWeekday(london);  // Monday 1 .. Sunday 7
  DueEdges edges;
  edges.start_of_week = LondonInstant(date::year_month_day(today - date::days(weekday - 1)), 0);
  edges.now = now;
  edges.end_of_today = LondonInstant(date::year_month_day(today + date::days(1)), 0);
  edges.end_of_week = LondonInstant(date::year_month_day(today + date::days(8 - weekday)), 0);
  return edges;
}

Result<ActionCounts> ActionService::Count(const Principal& by, const ActionFilter& f,
                                          Timestamp now) {
  auto q = QueryFor(by, f);
  if (!q.ok()) return q.status();
  DueEdges edges = DueEdgesAt(now);
  if (f.due_today) q->due_before = edges.end_of_today;
  return store_.CountActions(*q, edges);
}

Result<Action> ActionService::Find(const Principal& by, long long id) {
  auto action = store_.GetAction(by.school_id, id);
  if (!action.ok()) return action.status();
  if (action->incident_id) {
    auto incident = store_.GetIncident(by.school_id, action->incident_id);
    if (!incident.ok()) return incident.status();
    if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such action");
  }
  return action;
}

Result<Action> ActionService::Get(const Principal& by, long long id, const std::string& ip) {
  auto action = Find(by, id);
  if (action.ok() && action->restricted) {
    ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store_, by, {action->incident_id}, ip));
  }
  return action;
}

Status ActionService::Complete(const Principal& by, long long id, const std::string& outcome,
                               const std::string& ip) {
  auto action = Find(by, id);
  if (!action.ok()) return action.status();
  if (!IsAssignee(by, *action) && !RoleHas(by.role, Permission::kActionsManage)) {
    return Status::Forbidden("This action is someone else's; ask them or the pastoral lead");
  }
  // Done by the decision, the conversation or the repair itself, never by
  // a note: a note would close the record with none of them.
  if (DoneByItsRecord(action->kind)) return Status::Invalid(RecordInstead(action->kind), "outcome");
  std::string note = Trim(outcome);
  if (note.empty()) return Status::Invalid("Write what happened, in a sentence", "outcome");
  if (note.size() > 4000) return Status::Invalid("The outcome is too long", "outcome");
  Timestamp now = Now();
  ATTUNE_RETURN_IF_ERROR(store_.CompleteAction(by.school_id, id, by.staff_id, note, now));
  Audit(store_, &by, "action.complete", "action", id, action->kind, ip);
  if (action->incident_id) {
    return CloseIfSettled(store_, by.school_id, action->incident_id, now);
  }
  return Status::Ok();
}

Status ActionService::Reassign(const Principal& by, long long id, const std::string& role,
                               long long staff_id, const std::string& ip) {
  auto action = Find(by, id);
  if (!action.ok()) return action.status();
  if (!IsAssignee(by, *action) && !RoleHas(by.role, Permission::kActionsManage)) {
    return Status::Forbidden("Only the assignee or the pastoral team can pass this on");
  }
  std::string to_role = role;
  if (staff_id) {
    auto staff = store_.GetStaff(by.school_id, staff_id);
    if (!staff.ok() || !staff->active) {
      return Status::Invalid("Choose a member of staff of this school", "staff_id");
    }
    to_role = RoleName(staff->role);
  } else if (!ParseRole(role)) {
    return Status::Invalid("Choose a role or a member of staff", "role");
  }
  // Whoever it now is for is told, with the change (decision 0017).
  std::optional<Incident> record;
  if (action->incident_id) {
    auto found = store_.GetIncident(by.school_id, action->incident_id);
    if (!found.ok()) return found.status();
    record = std::move(*found);
  }
  NewNotice told = NoticeForPassedOn(by, *action, record ? &*record : nullptr, to_role, staff_id);
  ATTUNE_RETURN_IF_ERROR(store_.ReassignAction(by.school_id, id, to_role, staff_id, {told}));
  Audit(store_, &by, "action.reassign", "action", id,
        staff_id ? "to staff " + std::to_string(staff_id) : "to " + to_role, ip);
  return Status::Ok();
}

Result<std::vector<Contact>> ActionService::ContactsForCall(const Principal& by,
                                                            const Action& action,
                                                            const std::string& ip) {
  bool call = action.kind == "phone_call_home" && action.status == "open" && action.pupil_id &&
              action.school_id == by.school_id && IsAssignee(by, action);
  if (!call) return Status::Forbidden("Only the adult making this call home sees the numbers");
  auto contacts = store_.ListContacts(by.school_id, action.pupil_id);
  if (!contacts.ok()) return contacts.status();
  // The numbers are shown only once the read is in the audit log's queue.
  ATTUNE_RETURN_IF_ERROR(AuditRead(store_, by, "pupil.read_contacts", "pupil", action.pupil_id,
                                   "to make the call home for action " + std::to_string(action.id),
                                   ip));
  return contacts;
}

Status CloseIfSettled(Store& store, long long school_id, long long incident_id, Timestamp now) {
  auto open = store.CountOpenActions(school_id, incident_id);
  if (!open.ok()) return open.status();
  if (*open > 0) return Status::Ok();
  auto awaited = store.CountRepairsAwaited(school_id, incident_id);
  if (!awaited.ok()) return awaited.status();
  if (*awaited > 0) return Status::Ok();
  return store.CloseIncident(school_id, incident_id, now);
}

Status CompleteOpenActions(Store& store, const Principal& by, long long incident_id,
                           long long pupil_id, std::initializer_list<std::string_view> kinds,
                           const std::string& outcome, Timestamp at) {
  ActionQuery q;
  q.school_id = by.school_id;
  q.incident_id = incident_id;
  q.pupil_id = pupil_id;
  q.viewer_role = RestrictedReaderName(by.role);
  auto open = store.ListActions(q);
  if (!open.ok()) return open.status();
  for (const auto& a : *open) {
    if (std::find(kinds.begin(), kinds.end(), a.kind) == kinds.end()) continue;
    Status st = store.CompleteAction(by.school_id, a.id, by.staff_id, outcome, at);
    if (!st.ok() && st.code() != StatusCode::kConflict) return st;
  }
  return Status::Ok();
}

}  // namespace attune
