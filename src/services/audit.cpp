#include "services/audit.h"

#include <spdlog/spdlog.h>

namespace attune {

void Audit(AuditStore& store, const Principal* principal, const std::string& action,
           const std::string& subject_type, long long subject_id, const std::string& detail,
           const std::string& ip) {
  AuditEntry e;
  if (principal) {
    e.school_id = principal->school_id;
    e.staff_id = principal->staff_id;
  }
  e.at = Now();
  e.action = action;
  e.subject_type = subject_type;
  e.subject_id = subject_id;
  e.detail = detail;
  e.ip = ip;
  Status st = store.AppendAudit(e);
  if (!st.ok()) spdlog::error("audit entry '{}' not written: {}", action, st.ToString());
}

}  // namespace attune
