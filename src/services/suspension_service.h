// The headteacher's suspension decision (DESIGN.md §3). A record whose
// response sends a pupil home or off site is a formal suspension in law,
// whatever the school calls it; IncidentService writes it undecided and the
// policy adds a "suspension_decision" action for the senior role.
//
// Decide() records the headteacher's decision: to suspend, with one to three
// DfE reason codes, the first school day and the number of school days (at
// most 45 in a school year, counting the pupil's other suspensions); or not
// to suspend, with the reason, when the record stays a record.
// MarkNoticeSent() records that parents and carers, and the local authority,
// were told in writing. When the decision is not to suspend, or both notices
// are sent, the record's suspension_decision action is completed with an
// outcome note and the record closes if nothing else is open. Every decision
// and notice is in the audit log.
//
// Both need suspension.decide (Forbidden otherwise); a record the principal
// may not read is NotFound, whatever their role.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/incident.h"
#include "model/principal.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

// One validator for the page and the API; fields are named as in both.
struct SuspensionDecision {
  std::string decision;                   // "suspend" or "not_suspended"
  std::vector<std::string> reason_codes;  // suspend: 1 to 3 DfE codes, kept in this order
  std::string starts_on;                  // suspend: "YYYY-MM-DD", a school day
  int school_days = 0;                    // suspend: 1 to 45
  std::string reason;                     // not_suspended: why, at most kMaxNotSuspendedReason
};

inline constexpr size_t kMaxNotSuspendedReason = 500;

// Which notice MarkNoticeSent records.
inline constexpr const char* kParentNotice = "parent";
inline constexpr const char* kLocalAuthorityNotice = "local_authority";

// A pupil's suspension days so far in the school year of a day.
struct SuspensionDaysSoFar {
  long long pupil_id = 0;
  std::string name;
  int days = 0;  // decided on other records
};

class SuspensionService {
 public:
  SuspensionService(Store& store, SchoolClock& clock) : store_(store), clock_(clock) {}

  // The form of a decision, without the record: decision word, reason codes
  // (count, known, no repeats), days 1 to 45, the reason when not
  // suspending. Invalid naming the field.
  static Status Validate(const SuspensionDecision& decision);

  // Records the decision and returns the suspension as saved. Invalid (with
  // the field) for bad input, a start before the record's day or on a day
  // the school is closed, or days that take a pupil past 45 this school
  // year; Invalid ("decision") when the record is not a suspension;
  // Conflict when already decided.
  Result<Suspension> Decide(const Principal& by, long long incident_id,
                            const SuspensionDecision& decision, const std::string& ip);

  // `which` is kParentNotice or kLocalAuthorityNotice (Invalid, field
  // "notice", otherwise). Invalid when the record is not a decided
  // suspension; Conflict when that notice is already marked.
  Result<Suspension> MarkNoticeSent(const Principal& by, long long incident_id,
                                    const std::string& which, const std::string& ip);

  // For the decision form: each pupil involved in `incident` with their
  // suspension days on other records in the school year of `on`.
  // REQUIRES: `by` may read `incident`.
  Result<std::vector<SuspensionDaysSoFar>> DaysSoFar(const Incident& incident, Date on);

  // The school day the pupil is back, after `school_days` school days from
  // `starts_on`; nullopt when the school calendar does not reach that far.
  Result<std::optional<Date>> ReturnDay(long long school_id, Date starts_on, int school_days);

  // The first day of the school year `day` is in. The school year begins
  // with the first term to begin after July (Education Act 1996 s.579), so
  // 1 August is always between two school years.
  static Date SchoolYearStart(Date day);

 private:
  // The record, when `by` may read it and holds suspension.decide.
  Result<Incident> Load(const Principal& by, long long incident_id);
  // Refuses a start before the record's day or on a closed school day.
  Status CheckStart(const Incident& incident, Date starts_on);
  // Refuses days that take any pupil involved past 45 this school year.
  Status CheckYearTotal(const Incident& incident, Date starts_on, int school_days);
  // Completes the record's open suspension_decision actions with `outcome`
  // and closes the record when nothing else is open.
  Status Settle(const Principal& by, long long incident_id, const std::string& outcome,
                Timestamp now);

  Store& store_;
  SchoolClock& clock_;
};

}  // namespace attune
