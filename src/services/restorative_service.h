// Closing the rupture–repair cycle: restorative conversations (the seed
// prompts for the pupil and for the person harmed, shuttle mode, an
// agreement with a review date), the repair with the adult involved, a
// senior leader's record of why a repair will not happen, and contact with
// parents and carers, each linked to the incident or action.
//
// A pupil's cycle for a record closes only with the repair or with that
// record of why not (which counts as not repaired); recording either
// completes the pupil's restorative conversation and repair actions.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/action.h"
#include "model/contact_log.h"
#include "model/principal.h"
#include "model/restorative.h"
#include "storage/store.h"

namespace attune {

struct RestorativeRequest {
  long long incident_id = 0;
  long long pupil_id = 0;
  long long adult_staff_id = 0;      // Default: the member of staff who made the record
  std::optional<Timestamp> held_at;  // Default: now
  bool shuttle = false;
  std::string harmed;
  std::vector<std::string> pupil_answers;   // at most one per prompt
  std::vector<std::string> harmed_answers;  // at most one per prompt
  std::string agreement;
  std::optional<Date> review_on;
  bool repaired = false;  // the repair happened in this conversation
};

struct NoRepairRequest {
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string reason;  // a NoRepairReasons() id
  std::string note;    // required
  // The school's word for a pupil, for the reason in the actions' outcome.
  // Default: "pupil"
  std::string pupil_word = "pupil";
};

struct ContactRequest {
  long long pupil_id = 0;
  long long incident_id = 0;  // 0 when not linked
  long long action_id = 0;    // 0 when not linked
  long long contact_id = 0;   // 0 when not named
  std::string kind;           // one of ContactKinds()
  std::string note;
  std::optional<Timestamp> at;   // Default: now
  bool complete_action = false;  // the contact completes the linked action
};

class RestorativeService {
 public:
  explicit RestorativeService(Store& store) : store_(store) {}

  // Completes the pupil's restorative conversation action (and, with
  // `repaired`, their repair action). NotFound when the incident is not
  // readable by `by`; Invalid (with the field) for a pupil not in it, an
  // unknown adult, no adult named for a repair, or answers too long.
  Result<long long> Record(const Principal& by, const RestorativeRequest& request,
                           const std::string& ip);
  // Marks the repair done, with the conversation's adult involved (Invalid
  // when it names none): the incident's restorative and repair actions for
  // that pupil are completed and the incident closes when nothing is open.
  // The incident counts as repaired (Incident::repaired_at) when every pupil
  // it asks a repair of has one.
  Status MarkRepaired(const Principal& by, long long conversation_id, const std::string& ip);
  // A senior leader (restorative.no_repair, else Forbidden) records why a
  // pupil's repair will not happen: the pupil's restorative and repair
  // actions are completed with the reason, the incident closes when nothing
  // else is open, and the cycle counts as not repaired. NotFound when the
  // incident is not readable by `by`; Invalid (with the field) for a pupil
  // the record asks no repair of, an unknown reason or no note; Conflict
  // when the repair, or why not, is already recorded. Audited.
  Status RecordNoRepair(const Principal& by, const NoRepairRequest& request, const std::string& ip);
  // By incident (pupil_id 0) or by pupil (incident_id 0), filtered and
  // audited like List.
  Result<std::vector<NoRepair>> NoRepairs(const Principal& by, long long incident_id,
                                          long long pupil_id, const std::string& ip);
  // By incident (pupil_id 0) or by pupil (incident_id 0); restricted
  // incidents' conversations only for those who may read them, audited as
  // reads of them (services/audit.h). NotFound for a record `by` may not read.
  // `from_incident_id`: as RestorativeStore::ListRestorative.
  Result<std::vector<RestorativeConversation>> List(const Principal& by, long long incident_id,
                                                    long long pupil_id, const std::string& ip,
                                                    long long from_incident_id = 0);

  Result<long long> LogContact(const Principal& by, const ContactRequest& request,
                               const std::string& ip);
  // Contact with home, filtered and audited as List.
  Result<std::vector<ContactLogEntry>> Contacts(const Principal& by, long long pupil_id,
                                                long long incident_id, const std::string& ip);

 private:
  // NotFound unless `by` may read the incident.
  Status CheckIncident(const Principal& by, long long incident_id, Incident* out);
  Status Repair(const Principal& by, const RestorativeConversation& c, Timestamp at);

  Store& store_;
};

}  // namespace attune
