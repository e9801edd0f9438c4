// The append-only audit log.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/audit.h"

namespace attune {

struct AuditQuery {
  long long school_id = 0;
  std::string action;  // exact match; empty for any
  std::string subject_type;
  long long subject_id = 0;        // 0 for any; else entries about it, alone or among several
  long long staff_id = 0;          // 0 for anyone; else entries of this member of staff
  std::optional<Timestamp> from;   // entries at or after
  std::optional<Timestamp> until;  // entries before
  int limit = 100;
  int offset = 0;  // entries to skip, newest first (paging)
  // CountAudit stops at this many (0: counts them all), so a page of a
  // long log never waits for every entry to be counted.
  long long count_at_most = 0;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Writes the entry and its `subjects` together.
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // The same, for a read: queued with the next group commit, returning
  // without waiting for the disk, so a reader never waits on it. Written on
  // a clean stop; lost only if the process dies in the moment before that
  // commit (decision 0015). Unavailable when it cannot even be queued.
  virtual Status AppendAuditSoon(const AuditEntry& entry) = 0;
  // Newest first, with their subjects; every entry queued before the call
  // (AppendAuditSoon) included.
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& query) = 0;
  // How many entries ListAudit would find without its limit and offset, or
  // `count_at_most` when there are at least that many.
  virtual Result<long long> CountAudit(const AuditQuery& query) = 0;
};

}  // namespace attune
