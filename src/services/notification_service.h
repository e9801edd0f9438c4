// In-app notifications (decision 0017): new work for someone, a
// safeguarding concern for the DSL, a plan proposed for those who decide.
//
// The notices are made here and written by the store with what causes
// them, in its transaction: a new record's (NoticesForRecord, through
// IncidentService::Record) and a passed-on action's (NoticeForPassedOn,
// through ActionService::Reassign). One addressed to a role reaches each
// active member of staff holding it; no one is told of their own act; a
// notice about a restricted record reaches only those who may read it. The
// text says who, where and when, never what a record says.
//
// A member of staff sees and marks only their own; any other id is
// NotFound.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/incident.h"
#include "model/notification.h"
#include "model/principal.h"
#include "policy/policy.h"
#include "storage/store.h"

namespace attune {

// The notices a new record gives, from what Record is about to write: each
// action to its assignee, a safeguarding concern to the DSL, each plan or
// step proposed to those who decide (the plan's owner when it can start
// plans, else every role that can). REQUIRES: n.incident's pupils carry
// their names, and its restricted and visible_to are set.
std::vector<NewNotice> NoticesForRecord(const Principal& by, const NewIncident& n,
                                        const policy::Policy& policy);

// The notice to whoever `action` is passed on to (a named member of staff,
// or every holder of `role` when staff_id is 0). `record` is the action's
// record, or null when it has none.
NewNotice NoticeForPassedOn(const Principal& by, const Action& action, const Incident* record,
                            const std::string& role, long long staff_id);

struct NotificationPage {
  std::vector<Notification> items;  // newest first
  int page = 1;
  bool more = false;  // a further page
};

class NotificationService {
 public:
  explicit NotificationService(Store& store) : store_(store) {}

  // `by`'s notifications, kPageSize to a page (page 1 the newest). Invalid
  // for a page below 1 or past kMaxPage.
  Result<NotificationPage> List(const Principal& by, int page);
  // How many of `by`'s are unread and still wait on someone (not an action
  // since done or a proposal since decided), counted up to kBadgeCap: the
  // header's badge, on every page, so one indexed query.
  Result<int> Unread(const Principal& by);
  // Marks one of `by`'s read (NotFound for any other id), or all of them;
  // read ones older than kKeepRead are forgotten.
  Status MarkRead(const Principal& by, long long id);
  Status MarkAllRead(const Principal& by);

  static constexpr int kPageSize = 25;
  static constexpr int kMaxPage = 1000;
  static constexpr int kBadgeCap = 100;  // the badge says "99+" from here
  static constexpr std::chrono::hours kKeepRead{24 * 30};

 private:
  Store& store_;
};

}  // namespace attune
