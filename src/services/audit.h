// Writing the audit log from services: sign-ins, writes, restricted reads.
#pragma once

#include <string>

#include "model/principal.h"
#include "storage/audit_store.h"

namespace attune {

// Appends one entry for `principal` (may be null). A failure to write is
// logged, not returned: the caller's work has already happened.
void Audit(AuditStore& store, const Principal* principal, const std::string& action,
           const std::string& subject_type, long long subject_id, const std::string& detail,
           const std::string& ip);

}  // namespace attune
