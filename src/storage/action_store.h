// Storage of follow-up actions.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/action.h"
#include "model/notification.h"

namespace attune {

struct ActionQuery {
  long long school_id = 0;
  std::string status = "open";  // "open", "done" or "" for both
  // Actions for this role not given to a named person, or given to this
  // member of staff. Both empty/0: every assignee.
  std::string role;
  long long staff_id = 0;
  long long incident_id = 0;  // 0 for any
  long long pupil_id = 0;     // 0 for any
  int year_group = 0;         // the pupil's year group, 0 for any
  long long form_id = 0;      // the pupil's form, 0 for any
  std::string kind;           // "" for any
  std::optional<Timestamp> due_before;
  // Restricted incidents' actions are left out unless the reader may read
  // them (model/incident.h, MayReadRecord): a RestrictedReaderName. Required.
  std::string viewer_role;
  int limit = 100;
  int offset = 0;  // rows to skip (paging)
};

// How many actions a query finds, by when they are due: the queue's groups.
struct ActionCounts {
  int total = 0;
  int overdue = 0;  // due before `now`
  int today = 0;    // due from `now` to the end of today
  int week = 0;     // due after today, before the end of the week
  int later = 0;    // due after this week
  int undated = 0;  // no due time
};

// The edges of those groups (London times, from the caller's clock).
struct DueEdges {
  Timestamp start_of_week{};  // Monday 00:00 (not a group edge: for "this week so far")
  Timestamp now{};
  Timestamp end_of_today{};
  Timestamp end_of_week{};
};

class ActionStore {
 public:
  virtual ~ActionStore() = default;
  // Open actions by due time (those with none last); done ones newest first.
  virtual Result<std::vector<Action>> ListActions(const ActionQuery& query) = 0;
  // What ListActions would find without limit and offset, counted by due
  // group (every action of a "done" query counts in total only).
  virtual Result<ActionCounts> CountActions(const ActionQuery& query, const DueEdges& edges) = 0;
  // NotFound when no such action in the school.
  virtual Result<Action> GetAction(long long school_id, long long id) = 0;
  // Conflict when it is already done.
  virtual Status CompleteAction(long long school_id, long long id, long long staff_id,
                                const std::string& outcome, Timestamp at) = 0;
  // Passes an open action on, and writes `notices` (the new assignee told)
  // in the same transaction. Conflict when it is already done.
  virtual Status ReassignAction(long long school_id, long long id, const std::string& role,
                                long long staff_id, const std::vector<NewNotice>& notices) = 0;
  // Open actions of an incident (all pupils).
  virtual Result<int> CountOpenActions(long long school_id, long long incident_id) = 0;
  // Pupils of an incident whose rupture–repair cycle is still open: given a
  // restorative conversation or repair action, with neither a repaired
  // conversation nor a record that the repair will not happen.
  virtual Result<int> CountRepairsAwaited(long long school_id, long long incident_id) = 0;
};

}  // namespace attune
