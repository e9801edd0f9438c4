// Storage of in-app notifications (model/notification.h). New ones are
// written with what causes them: a new record's in its own transaction
// (IncidentStore::CreateIncident, NewIncident::notices), a passed-on
// action's with the change (ActionStore::ReassignAction).
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/notification.h"

namespace attune {

struct NotificationQuery {
  long long school_id = 0;
  long long staff_id = 0;  // whose; required
  // Those about a record the reader may no longer read (their role has
  // changed) are left out: a RestrictedReaderName. Required.
  std::string viewer_role;
  int limit = 25;
  int offset = 0;
};

class NotificationStore {
 public:
  virtual ~NotificationStore() = default;
  // Newest first.
  virtual Result<std::vector<Notification>> ListNotifications(const NotificationQuery& query) = 0;
  // The unread ones ListNotifications would find that are not settled (an
  // action since done, a proposal since decided), counted up to `cap` (a
  // badge says "99+", not the exact number, so the count stays cheap).
  virtual Result<int> CountUnread(const NotificationQuery& query, int cap) = 0;
  // Marks one of the member of staff's notifications read (id 0: all their
  // unread ones) at `at`, and forgets their notifications read before
  // `forget_before`. NotFound when `id` is not one of theirs.
  virtual Status MarkNotificationsRead(long long school_id, long long staff_id, long long id,
                                       Timestamp at, Timestamp forget_before) = 0;
};

}  // namespace attune
