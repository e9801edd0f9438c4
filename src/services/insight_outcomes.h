// Insight's outcomes over time (issue 14): what followed the school's
// records, month by month, in the school's own words — physical
// interventions, each consequence its policy defines, suspensions and the
// school days they took, restorative and repair follow-ups done within the
// policy's time, and plans started and how they ended — with equity by pupil
// group for each consequence and for suspensions.
//
// InsightService::Outcomes answers them from the store (insight_store.h):
// every count is of pupils of records (a record about two involved pupils
// counts for each); restricted records are counted, never listed.
//
// Who sees what: the whole school's figures, so insight.school only
// (Forbidden for the rest); pupil groups, and equity, only with
// pupils.view_sensitive as well.
//
// Which filters they follow: the dates, year groups, forms and pupil groups
// of the InsightQuery (the pupil as the store holds them now); not the
// classes, categories or places of records, nor one person's recording.
// Equity is the whole school's over the dates alone.
#pragma once

#include <string>
#include <vector>

#include "services/insight_service.h"
#include "storage/insight_store.h"

namespace attune {

// One figure, month by month.
struct OutcomeLine {
  std::string id;                 // a consequence's or plan's id; "" otherwise
  std::string name;               // in the school's words
  std::vector<long long> counts;  // one for each month asked
  long long total = 0;
};

struct OutcomeConsequence {
  OutcomeLine line;
  bool protective = false;  // else educational
  bool off_site = false;
};

struct OutcomePlan {
  std::string id, name;
  OutcomeLine started, successful, unsuccessful;
  OutcomeLine ended_otherwise;  // ended without an outcome recorded
};

// Equity for one measure: a consequence (id its id) or "suspensions".
struct OutcomeEquity {
  std::string id, name;
  std::vector<EquityRow> rows;
};

struct InsightOutcomes {
  Date from, to;                     // the window answered
  std::vector<OutcomeMonth> months;  // one (the whole window) when not by month
  OutcomeLine physical;              // involved pupils of records with a physical intervention
  std::vector<OutcomeConsequence> consequences;  // the policy's order, then any others recorded
  OutcomeLine suspensions;      // involved pupils suspended, by the month it starts
  OutcomeLine suspension_days;  // the school days those suspensions took
  // Restorative conversation and repair follow-ups due in each month, and
  // those kinds in the school's words ("Reflection and debrief", "Repair").
  std::vector<std::string> repair_words;
  OutcomeLine in_time, late, open, not_repaired;
  std::vector<OutcomePlan> plans;  // the policy's plan types, then any others recorded
  bool equity_shown = false;
  std::vector<OutcomeEquity> equity;  // each consequence, then suspensions
};

}  // namespace attune
