// An incident: one recorded event about one or more pupils, prosocial as
// much as distressed (DESIGN.md §2), with what the policy said about it.
//
// Restricted incidents (safeguarding) are only read by the roles in
// visible_to (MayReadRecord), and every read is audited
// (services/audit.h, NoteRestrictedRead).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "model/action.h"
#include "model/family.h"
#include "model/mail.h"
#include "model/notification.h"
#include "model/role.h"

namespace attune {

// A pupil's part in an incident: "involved", "affected" or "witness".
const std::vector<std::string>& PupilRoles();

// Perceived function of the behaviour: to get or to avoid attention, a
// task, an item or a sensation; or unclear.
const std::vector<std::string>& PerceivedFunctions();
std::string PerceivedFunctionLabel(const std::string& id);

// Who else was involved: "peers", "staff", "unknown".
const std::vector<std::string>& OthersInvolved();

struct IncidentPupil {
  long long pupil_id = 0;
  std::string role = "involved";
  std::string step;  // step reached; "" for none
  int points = 0;    // points awarded (prosocial notes)
  std::string name;  // filled by queries that join pupils
  // The record's recognition was not given to this pupil: its cap for the
  // day was reached, so the note was kept without it.
  bool reward_left_out = false;
};

struct ConsequenceRecord {
  std::string consequence;  // consequence id in the policy
  bool protective = false;
  std::optional<Date> on_date;
};

// The statutory record of a physical intervention (DESIGN.md §3).
struct PhysicalIntervention {
  std::string staff_involved;
  std::string before;         // what happened before
  std::string de_escalation;  // de-escalation tried
  std::string hold;           // type of force or hold used
  int duration_minutes = 0;
  std::string reason;  // why it was necessary
  std::string injuries;
  std::string support_after;
  // Telling parents would likely cause significant harm: the local
  // authority is told instead, and nothing goes home automatically.
  bool parent_notice_would_harm = false;
  std::string notice_text;  // the notice prepared for sending
  std::optional<Timestamp> notice_sent_at;
  // Members of staff named as involved (ids), and what was found about the
  // training the policy relies on for them when it was recorded: "" when
  // all held it, or the policy names none.
  std::vector<long long> staff_ids;
  std::string training_note;
};

// A formal suspension: headteacher's decision, one to three DfE reason codes.
// Every record whose response sends a pupil off site has one, undecided
// until the headteacher decides to suspend or not (services/suspension_service.h).
struct Suspension {
  // "" until decided; then kSuspended or kNotSuspended.
  std::string outcome;
  std::vector<std::string> reason_codes;  // when suspended: 1 to 3, in the order chosen
  long long decided_by_staff_id = 0;
  std::optional<Timestamp> decided_at;
  std::optional<Date> starts_on;  // when suspended
  int school_days = 0;            // when suspended: 1 to 45
  std::string not_suspended_reason;
  std::optional<Timestamp> parent_notice_at;
  std::optional<Timestamp> la_notice_at;

  static constexpr const char* kSuspended = "suspended";
  static constexpr const char* kNotSuspended = "not_suspended";
  bool decided() const { return !outcome.empty(); }
  bool suspended() const { return outcome == kSuspended; }
};

// The most school days a pupil may be suspended for in one school year.
inline constexpr int kMaxSuspensionDaysInYear = 45;
// "1 school day", "5 school days".
std::string SchoolDaysWords(int n);

// The DfE's reasons for suspension and permanent exclusion (school census,
// since September 2020): code and description. No "other", no free text.
struct ReasonCode {
  const char* code;
  const char* description;
};
const std::vector<ReasonCode>& SuspensionReasonCodes();
bool IsSuspensionReasonCode(const std::string& code);
// "PA: Physical assault against an adult"; the code itself when unknown.
std::string SuspensionReasonWords(const std::string& code);

struct Incident {
  long long id = 0;
  long long school_id = 0;
  long long policy_version_id = 0;
  int policy_version = 0;  // filled by queries that join policy_versions
  std::string category;
  std::string behaviour_class;  // "prosocial", "low_level", "difficult", "dangerous"
  Timestamp occurred_at{};
  Timestamp recorded_at{};
  long long recorded_by_staff_id = 0;
  std::string recorded_by_name;  // filled by queries that join staff
  std::string place;
  std::string lesson;
  std::string antecedent;
  std::string behaviour;
  std::string response;
  std::string perceived_function;
  std::vector<std::string> others_involved;
  bool tally = false;
  bool safeguarding = false;
  bool restricted = false;
  std::vector<std::string> visible_to;  // roles, when restricted
  bool physical_intervention = false;
  std::string reward;  // reward id, for prosocial notes
  std::optional<Timestamp> repair_due_at;
  std::optional<Timestamp> repaired_at;
  std::optional<Timestamp> closed_at;

  std::vector<IncidentPupil> pupils;
  std::vector<ConsequenceRecord> consequences;
  std::optional<PhysicalIntervention> physical;
  std::optional<Suspension> suspension;
};

// Whether a member of staff in `role` may read a record of their own school
// (DESIGN.md §6): any record that is not restricted; a restricted one only
// when the role holds incidents.view_restricted and the record's visible_to
// names it. The one rule for reading a record and for listing anything that
// belongs to one (its actions, proposals, conversations, contact with home):
// stores apply it to lists with RestrictedReaderName.
bool MayReadRecord(Role role, bool restricted, const std::vector<std::string>& visible_to);
// What lists compare with a restricted record's visible_to: the role's name
// when it holds incidents.view_restricted, else "" (which no record names).
std::string RestrictedReaderName(Role role);

// A plan or step the policy proposed for a pupil because of this record.
struct EscalationRecord {
  long long id = 0;
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string escalation;
  std::string plan;
  std::string step;
  std::string reason;
  std::string status = "proposed";  // proposed, started, declined
  bool restricted = false;          // the record is; filled by ListEscalations
};

// Everything written for one new incident, in one transaction.
struct NewIncident {
  Incident incident;
  std::vector<Action> actions;
  std::vector<EscalationRecord> escalations;
  // Who is told of it (decision 0017), written with it.
  std::vector<NewNotice> notices;
  // Emails it causes (decision 0025: a concern's alert to the DSL), put in
  // the outbox with it.
  std::vector<NewMail> mails;
  // What of it reaches each pupil's family (decision 0026), written with it.
  std::vector<NewFamilyShare> family_shares;
};

}  // namespace attune
