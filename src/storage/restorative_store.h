// Storage of restorative conversations and repairs (and why a repair will
// not happen), and contact with parents
// and carers.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/contact_log.h"
#include "model/restorative.h"

namespace attune {

class RestorativeStore {
 public:
  virtual ~RestorativeStore() = default;
  virtual Result<long long> CreateRestorative(const RestorativeConversation& conversation) = 0;
  // NotFound when no such conversation in the school.
  virtual Result<RestorativeConversation> GetRestorative(long long school_id, long long id) = 0;
  // By incident, or by pupil when incident_id is 0; newest first; those of
  // restricted records only for the reader `viewer` (a RestrictedReaderName)
  // that may read them. With `from_incident_id`, every one of a record with
  // that id or a later one (ids grow: the records a page shows, from its
  // lowest id); without (0), the newest 200.
  virtual Result<std::vector<RestorativeConversation>> ListRestorative(
      long long school_id, long long incident_id, long long pupil_id, const std::string& viewer,
      long long from_incident_id) = 0;
  virtual Status MarkRepaired(long long school_id, long long id, Timestamp at) = 0;
  // Conflict when one is already recorded for that pupil and incident.
  virtual Status CreateNoRepair(const NoRepair& no_repair) = 0;
  // By incident, or by pupil when incident_id is 0; newest first; those of
  // restricted records only for the reader `viewer`, as ListRestorative.
  virtual Result<std::vector<NoRepair>> ListNoRepairs(long long school_id, long long incident_id,
                                                      long long pupil_id,
                                                      const std::string& viewer) = 0;

  virtual Result<long long> LogContact(const ContactLogEntry& entry) = 0;
  // By incident, or by pupil when incident_id is 0; newest first; those of
  // restricted records only for the reader `viewer`, as ListRestorative.
  virtual Result<std::vector<ContactLogEntry>> ListContactLog(long long school_id,
                                                              long long pupil_id,
                                                              long long incident_id,
                                                              const std::string& viewer) = 0;
};

}  // namespace attune
