// Storage of staff accounts.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/staff.h"

namespace attune {

class StaffStore {
 public:
  virtual ~StaffStore() = default;

  // Conflict (field "email") when the email is already used.
  virtual Result<long long> CreateStaff(const Staff& staff) = 0;
  // By lower-case email, across schools (sign-in). NotFound when none.
  virtual Result<Staff> FindStaffByEmail(const std::string& email) = 0;
  // NotFound when no such member of staff in this school.
  virtual Result<Staff> GetStaff(long long school_id, long long id) = 0;
  // Active and inactive, ordered by name.
  virtual Result<std::vector<Staff>> ListStaff(long long school_id) = 0;
  virtual Status UpdateStaffRole(long long school_id, long long id, Role role) = 0;
  virtual Status SetStaffActive(long long school_id, long long id, bool active) = 0;
  virtual Status SetStaffPassword(long long school_id, long long id,
                                  const std::string& password_hash) = 0;
  virtual Result<int> CountActiveWithRole(long long school_id, Role role) = 0;
};

}  // namespace attune
