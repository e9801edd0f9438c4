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

}  // namespace attune

namespace attune {

// The audit log of the principal's school, newest first. Invalid when the
// limit is outside 1–500. REQUIRES: caller holds audit.view.
Result<std::vector<AuditEntry>> ReadAuditLog(AuditStore& store, const Principal& by,
                                             AuditQuery query);

// What an audit action means, in words for the audit page.
std::string DescribeAuditAction(const std::string& action);

}  // namespace attune
