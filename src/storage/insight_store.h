// Storage of insight's outcomes over time (issue 14): what followed the
// school's records month by month — physical interventions, the policy's
// consequences, suspensions, repair within the policy's time — and the
// pupils' plans started and ended.
//
// Every count is of pupils of records, as SWIS counts a referral per
// student: a record about two involved pupils counts once for each. Each
// count comes with the pupil's year group, form and the columns their
// pupil groups are worked out from (GroupsOf in services/insight_service.h),
// so that one answer serves the filters and the equity tables alike.
// Restricted records are counted (a count reveals nothing); nothing is listed.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/pupil.h"

namespace attune {

// One calendar month, or the part of it a window holds.
struct OutcomeMonth {
  std::string name;  // YYYY-MM
  Date first, last;  // inclusive
};

// How many pupils of one kind something happened to in one month.
struct OutcomeCount {
  size_t month = 0;  // index into the months asked
  // What happened: the consequence id, the plan id, the action kind.
  std::string what;
  // How it ended: a plan's "successful" or "unsuccessful"; a repair's
  // "in_time", "late", "open" or "not_repaired"; "" otherwise.
  std::string how;
  // The pupil, as the store holds them now.
  int year_group = 0;
  long long form_id = 0;
  PupilGroupFields groups;
  long long count = 0;
  long long days = 0;  // suspensions: the school days they add up to
};

struct OutcomeCounts {
  // Involved pupils of records with a physical intervention, by the month
  // of the record.
  std::vector<OutcomeCount> physical;
  // Involved pupils of records giving each consequence (what = its id), by
  // the month of the record.
  std::vector<OutcomeCount> consequences;
  // Involved pupils of records the headteacher decided to suspend for, by
  // the month the suspension starts; `days` its school days for each.
  std::vector<OutcomeCount> suspensions;
  // Restorative conversation and repair follow-ups (what = the action
  // kind) by the month they were due: how = "in_time" (done by their due
  // time), "late" (done after it), "open" (not yet done), "not_repaired"
  // (a senior leader recorded that the repair will not happen, and none
  // was recorded later; one recorded later is "late").
  std::vector<OutcomeCount> repairs;
  // Plans (what = the plan id) by the month they started.
  std::vector<OutcomeCount> plans_started;
  // Plans ended (how = their outcome) by the month they ended.
  std::vector<OutcomeCount> plans_ended;
};

class InsightStore {
 public:
  virtual ~InsightStore() = default;

  // The school's outcomes in each of `months` (in order, not overlapping),
  // read on one snapshot; of restricted records only those `viewer` (a
  // RestrictedReaderName, "" for none) may read.
  virtual Result<OutcomeCounts> CountOutcomes(long long school_id,
                                              const std::vector<OutcomeMonth>& months,
                                              const std::string& viewer) = 0;
};

}  // namespace attune
