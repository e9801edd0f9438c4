// One line of the audit log: sign-ins, writes, and reads of restricted records.
#pragma once

#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

struct AuditEntry {
  long long id = 0;
  long long school_id = 0;  // 0 when not known (failed sign-in)
  long long staff_id = 0;   // 0 when not known
  Timestamp at{};
  std::string action;        // "sign_in", "sign_in_failed", "pupil.read_sensitive", ...
  std::string subject_type;  // "pupil", "staff", "incident", ""
  long long subject_id = 0;  // 0 when none, or when `subjects` lists several
  // Every subject of an entry about several (a list read), all of
  // subject_type; empty otherwise.
  std::vector<long long> subjects;
  std::string detail;  // short, no special-category content
  std::string ip;
  std::string staff_name;  // filled by queries that join staff
};

}  // namespace attune
