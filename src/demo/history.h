// A term of fictional behaviour history for the demo school, as CSV for
// `attune policy simulate` (header: pupil,at,category,class,sen,plan,outcome).
//
// Most records are prosocial; low-level, difficult and dangerous ones follow
// afternoon and Monday/Friday peaks; about one pupil in fifty is going
// through a hard time and shows six times as much distress. Each record
// names a category of the school's policy in force (with its class, so
// another policy can place it); the pupils going through a hard time have a
// plan end without success part-way through, for each plan the policy
// follows up when it has not helped. Deterministic for a seed. The same
// events are recorded through the services by RecordDemoHistory
// (recorded_history.h).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/store.h"

namespace attune::demo {

struct HistoryOptions {
  // School days of history, ending the school day before `until`. Default: 60
  int days = 60;
  // The day after the last day of history. Default: today (London).
  Date until;
  unsigned long long seed = 20260901;  // Default: 20260901
};

// One record the history holds: a pupil, a moment in a lesson, a class of
// behaviour ("prosocial", "low_level", "difficult", "dangerous").
struct HistoryEvent {
  long long pupil_id = 0;
  Timestamp at{};
  std::string behaviour_class;
  std::string sen = "N";
  bool struggling = false;  // one of the pupils going through a hard time
};

// The events, in time order. Invalid for days outside 1–400.
Result<std::vector<HistoryEvent>> DemoHistoryEvents(Store& store, long long school_id,
                                                    const HistoryOptions& options);

Result<std::string> DemoHistoryCsv(Store& store, long long school_id,
                                   const HistoryOptions& options);

}  // namespace attune::demo
