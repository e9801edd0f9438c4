// Fictional behaviour history, a term or up to five school years of it, for the demo school, as CSV
// for `attune policy simulate` (header: pupil,at,category,class,sen,plan,outcome).
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

// The most history the demo makes: five school years, about 950 school days.
inline constexpr int kMostHistoryDays = 1200;
inline constexpr int kMostHistoryYears = 5;

struct HistoryOptions {
  // School days of history, ending the school day before `until`. 1 to
  // 1200. Default: 60
  int days = 60;
  // When above 0, instead of `days`: every school day of this school year
  // and the `years` - 1 before it (the calendar's first year at the
  // earliest), ending the school day before `until`. 0 to 5. Default: 0
  int years = 0;
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

// The events, in time order. A pupil's records begin when they joined
// Year 7 (a pupil in Year 9 has this year's and two years before), or with
// the calendar. Invalid for days outside 1–1200 or years outside 0–5.
Result<std::vector<HistoryEvent>> DemoHistoryEvents(Store& store, long long school_id,
                                                    const HistoryOptions& options);

Result<std::string> DemoHistoryCsv(Store& store, long long school_id,
                                   const HistoryOptions& options);

}  // namespace attune::demo
