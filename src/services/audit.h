// Writing the audit log from services: sign-ins, writes, restricted reads.
#pragma once

#include <string>
#include <vector>

#include "model/principal.h"
#include "storage/audit_store.h"

namespace attune {

// Appends one entry for `principal` (may be null). A failure to write is
// logged, not returned: the caller's work has already happened.
void Audit(AuditStore& store, const Principal* principal, const std::string& action,
           const std::string& subject_type, long long subject_id, const std::string& detail,
           const std::string& ip);
// The same for a read (pupil.read_contacts): queued with the next group
// commit, so the reader does not wait on the disk (AuditStore::
// AppendAuditSoon, decision 0015). Unavailable when it cannot be queued:
// the caller then withholds what was read. Within a request (a principal
// with a ReadLedger) the entry is kept and queued with the request's other
// reads when it ends (AuditRequestReads), before anything is answered.
Status AuditRead(AuditStore& store, const Principal& principal, const std::string& action,
                 const std::string& subject_type, long long subject_id, const std::string& detail,
                 const std::string& ip);

}  // namespace attune

// Reads of restricted records and special-category fields (DESIGN.md §6),
// audited by one rule whichever route reads them (decision 0011): the
// service that returns such data notes what it returned, in the request's
// ledger (Principal::reads), and the site writes the ledger once the
// request is answered (AuditRequestReads): one entry
// "incident.read_restricted" naming every restricted record read, or whose
// actions, proposals, conversations or contact with home were read; one
// "pupil.read_sensitive" naming every pupil whose special-category fields
// were read. Each names the route in its detail. Outside a request (no
// ledger) a read is audited at once.
namespace attune {

// Notes that `by` read the restricted records `incident_ids` (0s and
// repeats ignored). Fails only when written at once and the entry cannot
// be: the caller then withholds the data.
Status NoteRestrictedRead(AuditStore& store, const Principal& by,
                          const std::vector<long long>& incident_ids, const std::string& ip);
// Notes that `by` read the special-category fields of `pupil_ids`.
Status NoteSensitiveRead(AuditStore& store, const Principal& by,
                         const std::vector<long long>& pupil_ids, const std::string& ip);

// The restricted records among `items` (records), or that `items` (actions,
// proposals, conversations, contact with home) belong to.
template <typename Item>
std::vector<long long> RestrictedRecordsOf(const std::vector<Item>& items) {
  std::vector<long long> out;
  for (const auto& item : items) {
    if (!item.restricted) continue;
    if constexpr (requires { item.incident_id; }) {
      out.push_back(item.incident_id);
    } else {
      out.push_back(item.id);
    }
  }
  return out;
}

// `list` (records, or what belongs to them) once the restricted records in
// it are noted as read by `by`; the failure when they cannot be.
template <typename Item>
Result<std::vector<Item>> NotingRestricted(AuditStore& store, const Principal& by,
                                           Result<std::vector<Item>> list, const std::string& ip) {
  if (!list.ok()) return list;
  ATTUNE_RETURN_IF_ERROR(NoteRestrictedRead(store, by, RestrictedRecordsOf(*list), ip));
  return list;
}

// Writes what the request of `by` (to `route`, e.g. "GET /pupils/12") noted
// in its ledger, and empties it. Unavailable when an entry cannot be
// written: the site then answers with that instead of the data.
Status AuditRequestReads(AuditStore& store, const Principal& by, const std::string& route,
                         const std::string& ip);

}  // namespace attune

namespace attune {

// The most entries one read of the audit log returns (a download's worth).
inline constexpr int kMaxAuditRead = 10001;

// The audit log of the principal's school, newest first. Invalid when the
// limit is outside 1 to kMaxAuditRead or the offset negative. REQUIRES:
// caller holds audit.view.
Result<std::vector<AuditEntry>> ReadAuditLog(AuditStore& store, const Principal& by,
                                             AuditQuery query);
// How many entries of the principal's school `query` finds in all.
// REQUIRES: caller holds audit.view.
Result<long long> CountAuditLog(AuditStore& store, const Principal& by, AuditQuery query);

// What an audit action means, in words for the audit page.
std::string DescribeAuditAction(const std::string& action);
// Every action attune writes to the audit log, in the order the audit
// page offers them.
const std::vector<std::string>& AuditActionKinds();

}  // namespace attune
