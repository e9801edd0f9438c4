// Storage of incidents, with their pupils, consequences, statutory records
// and the actions and escalations the policy required.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/audit.h"
#include "model/incident.h"
#include "model/pupil.h"

namespace attune {

struct IncidentQuery {
  long long school_id = 0;
  // Restricted incidents are left out unless the reader may read them
  // (model/incident.h, MayReadRecord): a RestrictedReaderName. Required.
  std::string viewer_role;
  long long pupil_id = 0;  // 0 for any
  std::string category;    // exact; empty for any
  std::string behaviour_class;
  bool safeguarding = false;      // only safeguarding concerns
  std::optional<Timestamp> from;  // occurred_at >= from
  std::optional<Timestamp> to;    // occurred_at < to
  long long recorded_by = 0;      // only records this member of staff made; 0 for anyone's
  // What the reader typed to find records by their words: the service
  // turns it into `match` (services/record_search.h); stores ignore it.
  std::string words;
  // Only records whose words (notes, amends) match this FTS5 expression
  // (record_words, migration 0016); "" for any. Set by the service from
  // `words` as quoted tokens, never from raw input.
  // With `match`, lists are in the order records were made, newest first:
  // the index's own order, so a page reads only its rows.
  std::string match;
  int limit = 50;
  int offset = 0;
  // CountIncidents stops at this many (0: counts them all), so a common
  // word's page never waits for every record holding it to be counted.
  int count_at_most = 0;
};

// A record found by its words: the record (pupils filled) and an excerpt of
// the words that matched, the matches between kMarkStart and kMarkEnd; with
// no words to match, the start of its notes.
struct RecordHit {
  Incident incident;
  std::string excerpt;
  static constexpr char kMarkStart = '\x02';
  static constexpr char kMarkEnd = '\x03';
};

// One pupil's records, read from the pupil's own history index, for their
// chronology: newest first.
struct PupilRecordQuery {
  long long school_id = 0;
  // As IncidentQuery's: restricted records only for those who may read them.
  std::string viewer_role;
  long long pupil_id = 0;  // Required.
  // "positive" (prosocial), "difficult" (any other class, concerns left
  // out), "safeguarding" (concerns only); empty for any.
  std::string kind;
  std::string behaviour_class;    // exact; empty for any
  std::string category;           // exact; empty for any
  std::optional<Timestamp> from;  // occurred_at >= from
  std::optional<Timestamp> to;    // occurred_at < to
  int limit = 50;
  int offset = 0;
};

// What a school's records of a time hold, for the home pages of those who
// lead: only records the viewer may read are counted.
struct RecordTally {
  int records = 0;
  int prosocial = 0;
  int safeguarding = 0;  // concerns (restricted records the viewer reads)
  int physical_interventions = 0;
  int escalations_proposed = 0;  // plans proposed and not yet decided (any time)
};

// One record a pupil was involved in, as the decision engine reads it.
struct PupilHistoryItem {
  Timestamp at{};
  std::string category;
  std::string step;
  std::string reward;
  int points = 0;
};

// One pupil's part in one record, for replaying history (policy simulate).
struct HistoryExportRow {
  long long pupil_id = 0;
  Timestamp at{};
  std::string category;
  std::string behaviour_class;
  std::string sen;  // the pupil's SEN status now
};

// One involved pupil of one record with what insight counts it by
// (src/insight/, services/insight_service.h): no words of the record.
struct RecordFact {
  long long incident_id = 0;
  long long school_id = 0;
  Timestamp occurred_at{};
  std::string category;
  std::string behaviour_class;
  std::string place;
  long long staff_id = 0;  // who recorded it; 0 when unknown
  long long pupil_id = 0;
  bool restricted = false;
  std::string visible_to;  // when restricted: the roles that may read it, a comma list
  bool physical_intervention = false;
  // The pupil as they are now.
  int year_group = 0;
  long long form_id = 0;
  PupilGroupFields groups;
};

class IncidentStore {
 public:
  virtual ~IncidentStore() = default;

  // Writes the incident, its pupils, consequences, statutory records,
  // actions, escalations and `audit`, atomically and durably (group commit).
  // Fills the new ids (incident, actions, escalations) and returns the
  // incident's. An escalation already proposed for the pupil and not yet
  // decided is not proposed again: it is left out of `incident.escalations`.
  virtual Result<long long> CreateIncident(NewIncident& incident, AuditEntry audit) = 0;
  // NotFound when no such incident in the school. Fills pupils (with names),
  // consequences, physical and suspension.
  virtual Result<Incident> GetIncident(long long school_id, long long id) = 0;
  // Newest first; pupils filled.
  virtual Result<std::vector<Incident>> ListIncidents(const IncidentQuery& query) = 0;
  // The same records as ListIncidents, each with an excerpt of its words.
  virtual Result<std::vector<RecordHit>> SearchRecords(const IncidentQuery& query) = 0;
  // How many records ListIncidents would find without limit and offset.
  virtual Result<int> CountIncidents(const IncidentQuery& query) = 0;
  // The pupil's records as `query` asks, newest first, in one query: each
  // record's `pupils` holds this pupil's part only (role, step, points; no
  // name).
  virtual Result<std::vector<Incident>> ListPupilRecords(const PupilRecordQuery& query) = 0;
  // How many records ListPupilRecords would give without limit and offset.
  virtual Result<long long> CountPupilRecords(const PupilRecordQuery& query) = 0;
  // The records the pupil was involved in from `since`, oldest first.
  virtual Result<std::vector<PupilHistoryItem>> PupilHistory(long long school_id,
                                                             long long pupil_id,
                                                             Timestamp since) = 0;
  // Every pupil involved in every record of the school, oldest first
  // (restricted ones too: only counts leave the store this way).
  virtual Result<std::vector<HistoryExportRow>> ExportHistory(long long school_id) = 0;
  virtual Status SetIncidentRepaired(long long school_id, long long id, Timestamp at) = 0;
  virtual Status CloseIncident(long long school_id, long long id, Timestamp at) = 0;
  virtual Status MarkParentNoticeSent(long long school_id, long long incident_id, Timestamp at) = 0;
  // Records of school `school_id` that occurred in [from, to), counted,
  // as `viewer` (a RestrictedReaderName) may read them.
  virtual Result<RecordTally> TallyRecords(long long school_id, const std::string& viewer,
                                           Timestamp from, Timestamp to) = 0;
  // The highest incident id of any school; 0 when there are none.
  virtual Result<long long> LastIncidentId() = 0;
  // Every involved pupil of every record of any school with an id in
  // (after, up_to], in id order, given to `each` one at a time (a local
  // authority's millions are never held at once). Restricted ones too:
  // insight counts them and lists them only to those who may read them.
  virtual Status ForEachRecordFact(long long after, long long up_to,
                                   const std::function<void(const RecordFact&)>& each) = 0;
  // Deletes a prosocial record that member of staff `staff_id` made at or
  // after `since`, with everything that hangs on it, unless any of its
  // actions is done. Conflict when there is no such record (any more).
  virtual Status UndoIncident(long long school_id, long long id, long long staff_id,
                              Timestamp since) = 0;

  // Suspensions (sqlite/suspension_queries.cpp). The row itself is written
  // with the incident (CreateIncident).
  //
  // Records the headteacher's decision: outcome, decided_by_staff_id,
  // decided_at and, when suspended, reason_codes, starts_on, school_days;
  // when not, not_suspended_reason. The notices are not written here.
  // Conflict when the record's suspension is already decided; NotFound when
  // the record has none.
  virtual Status SaveSuspension(long long school_id, long long incident_id,
                                const Suspension& suspension) = 0;
  // Sets parent_notice_at (parent true) or la_notice_at to `at`. Conflict
  // when already set or the suspension is not decided as suspended.
  virtual Status MarkSuspensionNoticeSent(long long school_id, long long incident_id, bool parent,
                                          Timestamp at) = 0;
  // School days of suspension decided for a pupil involved in the school's
  // records, starting on days in [from, to), leaving out `except_incident_id`.
  virtual Result<int> SuspensionDays(long long school_id, long long pupil_id, Date from, Date to,
                                     long long except_incident_id) = 0;

  // Escalations proposed for a pupil (or, with pupil_id 0, the school), newest
  // first; those of restricted records only for the reader `viewer` (a
  // RestrictedReaderName) that may read them.
  virtual Result<std::vector<EscalationRecord>> ListEscalations(long long school_id,
                                                                long long pupil_id,
                                                                long long incident_id,
                                                                const std::string& viewer) = 0;
  virtual Status SetEscalationStatus(long long school_id, long long id,
                                     const std::string& status) = 0;
};

}  // namespace attune
