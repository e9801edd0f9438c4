// The follow-up queue: the actions the policy required, for their assignee
// (a named member of staff, or anyone holding the role), with due times and
// overdue marking; completed with an outcome note, or reassigned. Some are
// done only by their own record, never by a note (DoneByItsRecord).
//
// An incident closes when its last open action is done and every pupil's
// rupture–repair cycle is closed (CloseIfSettled).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/action.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "storage/store.h"

namespace attune {

struct ActionFilter {
  std::string scope = "mine";   // "mine" (default), "role": a role's queue, "all"
  std::string role;             // for scope "role"
  std::string status = "open";  // "open", "done"
  bool due_today = false;       // due before the end of today (overdue included)
  long long pupil_id = 0;
  // Filters of the team's queue ("role" and "all"): the pupil's year group
  // and form, the kind of action, and who it is for ("role:<name>" or
  // "staff:<id>"; "" for anyone).
  int year_group = 0;
  long long form_id = 0;
  std::string kind;
  std::string assignee;
  int limit = 100;  // 1 to 200
  int offset = 0;   // 0 to 1,000,000
};

// The edges of the queue's due groups at `now`: the end of today and of
// this week (Sunday night; a school week starts on Monday), and the start
// of this week, London time.
DueEdges DueEdgesAt(Timestamp now);

class ActionService {
 public:
  explicit ActionService(Store& store) : store_(store) {}

  // "mine" for everyone; "role" and "all" need actions.manage (Forbidden).
  // Only actions of records `by` may read; those of restricted records are
  // audited as reads of them (services/audit.h).
  Result<std::vector<Action>> List(const Principal& by, const ActionFilter& filter,
                                   const std::string& ip);
  // The same for a download: limit up to kMaxExported.
  static constexpr int kMaxExported = 10001;
  Result<std::vector<Action>> Export(const Principal& by, const ActionFilter& filter,
                                     const std::string& ip);
  // How many List would find without limit and offset, by due group (the
  // edges from `now`: the end of today and of this week, London time).
  // Not a read of any record: nothing is audited.
  Result<ActionCounts> Count(const Principal& by, const ActionFilter& filter, Timestamp now);
  // The action, read by `by` (audited as List). NotFound when no such action
  // or its record is restricted from `by`.
  Result<Action> Get(const Principal& by, long long id, const std::string& ip);
  // Get for a service about to act on the action, which is not a read.
  Result<Action> Find(const Principal& by, long long id);
  // Whether `by` is the action's assignee (named, or by role when unnamed).
  static bool IsAssignee(const Principal& by, const Action& action);
  // Whether an action of `kind` is done by its own record rather than a
  // note: the suspension decision (services/suspension_service.h), the
  // restorative conversation and the repair (services/restorative_service.h).
  static bool DoneByItsRecord(const std::string& kind);
  // The assignee or someone holding actions.manage. Invalid (field
  // "outcome") without an outcome note, or for an action DoneByItsRecord,
  // saying what to record instead; Conflict when already done.
  Status Complete(const Principal& by, long long id, const std::string& outcome,
                  const std::string& ip);
  // The parents' and carers' contacts for an open "phone call home" that
  // `by` is the assignee of (decision 0007), audited as pupil.read_contacts;
  // Forbidden for any other action or viewer.
  Result<std::vector<Contact>> ContactsForCall(const Principal& by, const Action& action,
                                               const std::string& ip);
  // To a role, or a named member of staff of the school (staff_id != 0).
  Status Reassign(const Principal& by, long long id, const std::string& role, long long staff_id,
                  const std::string& ip);

 private:
  Result<std::vector<Action>> ListUpTo(const Principal& by, const ActionFilter& filter,
                                       int max_limit, const std::string& ip);

  Store& store_;
};

// Closes the incident when none of its actions is open any more and no
// pupil's rupture–repair cycle is still waiting for its repair (or a senior
// leader's record that it will not happen).
Status CloseIfSettled(Store& store, long long school_id, long long incident_id, Timestamp now);

// Marks done, as `by` with `outcome`, the record's open actions (of one
// pupil, or every pupil with pupil_id 0) whose kind is one of `kinds`: the
// work a service did itself, such as a notice sent or a conversation held.
// One completed by someone else meanwhile is left as it is.
Status CompleteOpenActions(Store& store, const Principal& by, long long incident_id,
                           long long pupil_id, std::initializer_list<std::string_view> kinds,
                           const std::string& outcome, Timestamp at);

}  // namespace attune
