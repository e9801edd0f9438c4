// One line of the audit log: sign-ins, writes, and reads of restricted records.
#pragma once

#include <string>

#include "core/time.h"

namespace attune {

struct AuditEntry {
  long long id = 0;
  long long school_id = 0;  // 0 when not known (failed sign-in)
  long long staff_id = 0;   // 0 when not known
  Timestamp at{};
  std::string action;        // "sign_in", "sign_in_failed", "pupil.read_sensitive", ...
  std::string subject_type;  // "pupil", "staff", "session", ""
  long long subject_id = 0;
  std::string detail;  // short, no special-category content
  std::string ip;
  std::string staff_name;  // filled by queries that join staff
};

}  // namespace attune
