#include "services/notification_service.h"

#include <algorithm>

#include "services/authorization.h"

namespace attune {
namespace {

// The roles that may read a record: all of them when it is not restricted.
std::vector<std::string> Readers(const Incident& i) {
  std::vector<std::string> out;
  if (!i.restricted) return out;
  for (Role r : AllRoles()) {
    if (MayReadRecord(r, true, i.visible_to)) out.push_back(RoleName(r));
  }
  return out;
}

// Fills who may be told of `record`, and what it is about.
void AboutRecord(NewNotice& n, const Incident* record) {
  if (!record) return;
  n.incident_id = record->id;
  n.restricted = record->restricted;
  n.readers = Readers(*record);
}

std::string When(Timestamp t) { return FormatLondon(t, "%a %e %b %H:%M"); }

// ", due Tue 8 Dec 15:30", or "" with no due time.
std::string DueText(const std::optional<Timestamp>& due) {
  return due ? ", due " + When(*due) : "";
}

// "Amy Smith", "Amy Smith and Ben Jones", "Amy Smith, Ben Jones and 2 others".
std::string Names(const std::vector<std::string>& names) {
  if (names.empty()) return "a pupil";
  if (names.size() == 1) return names[0];
  if (names.size() == 2) return names[0] + " and " + names[1];
  if (names.size() == 3) return names[0] + ", " + names[1] + " and " + names[2];
  return names[0] + ", " + names[1] + " and " + std::to_string(names.size() - 2) + " others";
}

// The queue a role-addressed notice is for, in the school's words.
std::string QueueWords(const policy::Policy& policy, const std::string& role) {
  std::string words = policy.RoleWords(role);
  if (words.empty()) {
    auto parsed = ParseRole(role);
    words = parsed ? RoleLabel(*parsed) : role;
  }
  return " (for the " + words + " queue)";
}

}  // namespace

std::vector<NewNotice> NoticesForRecord(const Principal& by, const NewIncident& n,
                                        const policy::Policy& policy) {
  const Incident& i = n.incident;
  std::vector<NewNotice> out;
  auto notice = [&](const char* kind) {
    NewNotice x;
    x.kind = kind;
    x.author_staff_id = by.staff_id;
    AboutRecord(x, &i);
    return x;
  };
  std::vector<std::string> involved;
  long long first_involved = 0;
  for (const auto& p : i.pupils) {
    if (p.role != "involved") continue;
    involved.push_back(p.name);
    if (!first_involved) first_involved = p.pupil_id;
  }

  // Who, where and when, for the DSL: never the category or what was written.
  if (i.safeguarding) {
    NewNotice x = notice("concern");
    x.roles = {RoleName(Role::kDsl)};
    x.pupil_id = first_involved;
    x.text = "Safeguarding concern about " + Names(involved) + ", recorded by " + by.name + ": " +
             (i.place.empty() ? std::string() : i.place + ", ") + When(i.occurred_at) + ".";
    out.push_back(std::move(x));
  }

  for (size_t k = 0; k < n.actions.size(); ++k) {
    const Action& a = n.actions[k];
    NewNotice x = notice("action");
    x.action_index = static_cast<int>(k);
    x.pupil_id = a.pupil_id;
    x.staff_id = a.assignee_staff_id;
    if (!a.assignee_staff_id) x.roles = {a.assignee_role};
    x.text = a.label + " for " + (a.pupil_name.empty() ? "the record" : a.pupil_name) +
             (a.assignee_staff_id ? "" : QueueWords(policy, a.assignee_role)) + DueText(a.due_at) +
             ".";
    out.push_back(std::move(x));
  }

  std::vector<std::string> deciders;
  for (Role r : RolesWith(Permission::kPlansManage)) deciders.push_back(RoleName(r));
  for (size_t k = 0; k < n.escalations.size(); ++k) {
    const EscalationRecord& e = n.escalations[k];
    NewNotice x = notice("proposal");
    x.escalation_index = static_cast<int>(k);
    x.pupil_id = e.pupil_id;
    x.roles = deciders;
    std::string what;
    if (const policy::Plan* plan = policy.FindPlan(e.plan)) {
      what = plan->name;
      auto owner = ParseRole(plan->owner);
      if (owner && RoleHas(*owner, Permission::kPlansManage)) x.roles = {plan->owner};
    } else if (const policy::Step* step = policy.FindStep(e.step)) {
      what = step->name;
    } else {
      what = !e.plan.empty() ? e.plan : e.step;
    }
    auto pupil = std::find_if(i.pupils.begin(), i.pupils.end(),
                              [&](const IncidentPupil& p) { return p.pupil_id == e.pupil_id; });
    x.text = what + " proposed for " + (pupil != i.pupils.end() ? pupil->name : "a pupil") +
             " by the policy; it waits for a decision.";
    out.push_back(std::move(x));
  }
  return out;
}

NewNotice NoticeForPassedOn(const Principal& by, const Action& action, const Incident* record,
                            const std::string& role, long long staff_id) {
  NewNotice x;
  x.kind = "action";
  x.author_staff_id = by.staff_id;
  AboutRecord(x, record);
  x.action_id = action.id;
  x.pupil_id = action.pupil_id;
  x.staff_id = staff_id;
  if (!staff_id) x.roles = {role};
  x.text = action.label + " for " +
           (action.pupil_name.empty() ? std::string("the record") : action.pupil_name) +
           ", passed on by " + by.name + DueText(action.due_at) + ".";
  return x;
}

Result<NotificationPage> NotificationService::List(const Principal& by, int page) {
  if (page < 1 || page > kMaxPage) {
    return Status::Invalid("page must be 1 to " + std::to_string(kMaxPage), "page");
  }
  NotificationQuery q;
  q.school_id = by.school_id;
  q.staff_id = by.staff_id;
  q.viewer_role = RestrictedReaderName(by.role);
  q.limit = kPageSize + 1;  // one more says whether there is a further page
  q.offset = (page - 1) * kPageSize;
  auto items = store_.ListNotifications(q);
  if (!items.ok()) return items.status();
  NotificationPage out;
  out.page = page;
  out.more = items->size() > static_cast<size_t>(kPageSize);
  if (out.more) items->pop_back();
  out.items = std::move(*items);
  return out;
}

Result<int> NotificationService::Unread(const Principal& by) {
  NotificationQuery q;
  q.school_id = by.school_id;
  q.staff_id = by.staff_id;
  q.viewer_role = RestrictedReaderName(by.role);
  return store_.CountUnread(q, kBadgeCap);
}

Status NotificationService::MarkRead(const Principal& by, long long id) {
  if (id <= 0) return Status::NotFound("No such notification");
  Timestamp now = Now();
  return store_.MarkNotificationsRead(by.school_id, by.staff_id, id, now, now - kKeepRead);
}

Status NotificationService::MarkAllRead(const Principal& by) {
  Timestamp now = Now();
  return store_.MarkNotificationsRead(by.school_id, by.staff_id, 0, now, now - kKeepRead);
}

}  // namespace attune
