// Demo history (a term, or years of it) recorded through the services staff use, so
// every record obeys the school's policy: mostly prosocial notes, distress
// with afternoon and Monday/Friday peaks, a few pupils escalating into
// plans, calls home, restorative conversations and repairs, and one
// physical intervention. Follow-ups due from today on are left open, so the
// queues have something in them; earlier ones are done, but for a few of
// the last week, so "overdue" is rare enough to mean something.
//
// Deterministic per pupil for a seed (timestamps such as recorded_at
// aside). Pupils are recorded on several threads at once; each pupil's
// records stay in order, so the engine sees their history as it grew.
#pragma once

#include "core/status.h"
#include "demo/history.h"
#include "storage/store.h"

namespace attune::demo {

struct RecordedHistory {
  long long records = 0;
  long long refused = 0;  // events the policy would not record as asked (skipped)
  long long actions_done = 0;
  long long restorative = 0;
  long long repairs = 0;
  long long contacts = 0;
  long long plans = 0;
  long long physical_interventions = 0;
};

// REQUIRES: the school has a policy in force and at least one teacher.
Result<RecordedHistory> RecordDemoHistory(Store& store, long long school_id,
                                          const HistoryOptions& options);

}  // namespace attune::demo
