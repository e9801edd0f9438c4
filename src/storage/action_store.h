// Storage of follow-up actions.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/action.h"

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
  std::optional<Timestamp> due_before;
  // Restricted incidents' actions are left out unless the reader may read
  // them (model/incident.h, MayReadRecord): a RestrictedReaderName. Required.
  std::string viewer_role;
  int limit = 100;
};

class ActionStore {
 public:
  virtual ~ActionStore() = default;
  // Open actions by due time (those with none last); done ones newest first.
  virtual Result<std::vector<Action>> ListActions(const ActionQuery& query) = 0;
  // NotFound when no such action in the school.
  virtual Result<Action> GetAction(long long school_id, long long id) = 0;
  // Conflict when it is already done.
  virtual Status CompleteAction(long long school_id, long long id, long long staff_id,
                                const std::string& outcome, Timestamp at) = 0;
  virtual Status ReassignAction(long long school_id, long long id, const std::string& role,
                                long long staff_id) = 0;
  // Open actions of an incident (all pupils).
  virtual Result<int> CountOpenActions(long long school_id, long long incident_id) = 0;
  // Pupils of an incident whose rupture–repair cycle is still open: given a
  // restorative conversation or repair action, with neither a repaired
  // conversation nor a record that the repair will not happen.
  virtual Result<int> CountRepairsAwaited(long long school_id, long long incident_id) = 0;
};

}  // namespace attune
