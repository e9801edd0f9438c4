// Recording what staff see, prosocial as much as distressed, and what the
// school's policy says happens next: the use case behind the logging pages,
// POST /api/v1/incidents and the demo history.
//
// Record() validates the request, asks the decision engine for each pupil
// involved (the policy version in force on the day it happened), refuses
// what the policy refuses with its reason, and writes the incident, its
// actions and escalations durably in one transaction. Restricted records
// (safeguarding) are read only by the policy's roles, every read audited;
// to anyone else they do not exist (NotFound).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/incident.h"
#include "model/principal.h"
#include "policy/engine.h"
#include "services/policy_service.h"
#include "services/record_listener.h"
#include "services/record_search.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

class FamilyService;

class OutboxService;

struct RecordPupil {
  long long id = 0;
  std::string role = "involved";  // involved, affected, witness
};

struct RecordRequest {
  std::vector<RecordPupil> pupils;  // 1 to kMaxPupils, at least one involved
  std::string category;
  std::string step;                      // "" takes the engine's suggestion
  std::optional<Timestamp> occurred_at;  // Default: now
  std::string place;
  std::string lesson;
  std::string antecedent;
  std::string behaviour;
  std::string response;
  std::string perceived_function;  // one of PerceivedFunctions() or ""
  std::vector<std::string> others_involved;
  bool safeguarding = false;
  bool physical_intervention = false;
  PhysicalIntervention physical;  // REQUIRED fields when physical_intervention
  std::vector<std::string> consequences;
  std::optional<Date> consequence_date;
  std::string reward;  // prosocial notes
  // Whether a positive note goes home (the "Send home" choice, decision 0026).
  SendHome send_home = SendHome::kAsPolicySays;
};

inline constexpr size_t kMaxPupils = 60;
inline constexpr size_t kMaxNote = 4000;

// What the policy said about one pupil in the record.
struct PupilDecision {
  long long pupil_id = 0;
  std::string name;
  std::string role;
  policy::Decision decision;
};

struct RecordOutcome {
  long long id = 0;  // 0 for a preview
  std::string step;  // for the first pupil involved; "" for none
  std::string step_name;
  std::vector<PupilDecision> pupils;
  std::vector<Action> actions;
  std::vector<EscalationRecord> escalations;
  std::vector<policy::Guard> guards;  // without repeats
  long long policy_version_id = 0;
  int policy_version = 0;
  std::shared_ptr<const policy::Policy> policy;  // that version, parsed
};

// An incident as one viewer may see it, with the words of its policy version.
struct IncidentView {
  Incident incident;
  std::shared_ptr<const policy::Policy> policy;  // the version it was made under
  std::vector<Action> actions;
  std::vector<EscalationRecord> escalations;
  std::string category_name;
  bool repaired_in_time = false;
};

class IncidentService {
 public:
  IncidentService(Store& store, PolicyService& policies, SchoolClock& clock)
      : store_(store), policies_(policies), clock_(clock) {}

  // Checks the request's form: sizes, roles, known function words.
  static Status Validate(const RecordRequest& request);

  // Records and returns what the policy decided. Invalid (with the field)
  // for bad input and for anything the policy refuses.
  Result<RecordOutcome> Record(const Principal& by, const RecordRequest& request,
                               const std::string& ip);
  // Record as it would have been at `now` (its recorded_at, and the
  // limits on how long ago it occurred, are taken from `now`): for the
  // demo school's years of history, recorded as they happened.
  Result<RecordOutcome> RecordAt(const Principal& by, const RecordRequest& request,
                                 const std::string& ip, Timestamp now);
  // What Record would decide, without saving (the step suggestion shown
  // while recording). Refusals come back inside the decisions, not as errors.
  Result<RecordOutcome> Preview(const Principal& by, const RecordRequest& request);

  // NotFound when there is no such record or the principal may not read it.
  // Reads of restricted records are audited (services/audit.h).
  Result<IncidentView> Get(const Principal& by, long long id, const std::string& ip);
  // query.school_id and viewer_role are set from `by`: the records `by` may
  // read; query.match from query.words (MatchExpression). Reads of
  // restricted ones are audited.
  Result<std::vector<Incident>> List(const Principal& by, IncidentQuery query,
                                     const std::string& ip);
  // Records `by` may read found by their words, or (request.mine) those
  // `by` made, newest first, a page at a time with the total; the page is
  // clamped to those there are. Restricted records returned are audited;
  // those `by` may not read are neither found nor counted
  // (services/record_search.cpp).
  Result<RecordSearchPage> Search(const Principal& by, const RecordSearchRequest& request,
                                  const std::string& ip);
  // One pupil's records (their chronology), as List: school and viewer set
  // from `by`, restricted ones only for those who may read them, and their
  // reads audited. Invalid when the limit is outside 1–5000 or the offset
  // below 0. REQUIRES: `by` may see the pupil (PupilService::Page).
  Result<std::vector<Incident>> ForPupil(const Principal& by, PupilRecordQuery query,
                                         const std::string& ip);
  // How many records ForPupil would give without limit and offset. Counts
  // only: nothing is read, nothing audited.
  Result<long long> CountForPupil(const Principal& by, PupilRecordQuery query);

  // Records that the prepared notice to parents after a physical
  // intervention was sent. NotFound as Get; Invalid when the record has no
  // notice for parents (none prepared, or telling them would likely cause
  // significant harm: the local authority is told instead); Conflict when
  // already marked. Completes the record's "tell parents" actions.
  Status MarkParentNoticeSent(const Principal& by, long long id, const std::string& ip);

  // The records of `by`'s school that occurred in [from, to), counted as
  // `by` may read them (restricted ones only for the policy's roles). Counts
  // only: nothing is read, nothing audited.
  Result<RecordTally> Tally(const Principal& by, Timestamp from, Timestamp to);

  // How long after saving a positive note its author may undo it.
  static constexpr std::chrono::seconds kUndoWindow{120};
  // Undoes a positive note `by` saved in the last kUndoWindow: the record
  // and its recognition are gone, as if never saved; the audit log keeps
  // that it was saved and undone. NotFound as Get; Conflict, saying so,
  // when it is too late or the record is not one that can be undone.
  Status Undo(const Principal& by, long long id, const std::string& ip);

  // Whether `by` may read `incident`: one of their school's that
  // MayReadRecord allows their role.
  static bool MayRead(const Principal& by, const Incident& incident);

  // Told of every record saved and undone from now on (insight). REQUIRES:
  // set before requests are served; outlives this service.
  void set_listener(RecordListener* listener) { listener_ = listener; }
  // Puts a safeguarding concern's email alert to the DSL in the outbox with
  // the record (decision 0025). Default: none (no email). REQUIRES: set
  // before requests are served; outlives this service.
  void set_outbox(OutboxService* outbox) { outbox_ = outbox; }
  // What of each record reaches families (decision 0026); none when unset.
  // REQUIRES: set before records are made.
  void set_families(const FamilyService* families) { families_ = families; }

 private:
  Result<RecordOutcome> Decide(const Principal& by, const RecordRequest& request, Timestamp now,
                               std::vector<Pupil>* pupils);
  Result<RecordOutcome> DecideOnSnapshot(const Principal& by, const RecordRequest& request,
                                         Timestamp now, std::vector<Pupil>* pupils);
  // The members of staff named in a physical intervention, with the
  // training they hold. Invalid for one not of the school.
  Result<std::vector<policy::StaffInvolved>> StaffInvolved(long long school_id,
                                                           const std::vector<long long>& staff_ids);
  // What the engine needs of the pupil's past: their records back to
  // policy::HistoryStart, recognition and plans.
  Result<policy::PupilContext> ContextFor(const policy::Policy& policy, const Pupil& pupil,
                                          Timestamp at, const policy::SchoolTime& time);

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
  RecordListener* listener_ = nullptr;
  OutboxService* outbox_ = nullptr;
  const FamilyService* families_ = nullptr;
};

}  // namespace attune
