// Managing staff accounts: add, change role, deactivate and reactivate.
// Used by the staff admin pages and by `attune user add`.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/staff.h"
#include "storage/store.h"

namespace attune {

// What a form or the command line gives to add a member of staff.
struct NewStaff {
  std::string email;
  std::string name;
  std::string role;  // a role name, e.g. "teacher"
  std::string job_title;
  std::string password;
};

class StaffService {
 public:
  explicit StaffService(Store& store) : store_(store) {}

  // One validator for every way in: Invalid names the field at fault.
  static Status Validate(const NewStaff& input);

  // Adds to the principal's school. REQUIRES: caller holds staff.manage.
  Result<long long> Add(const Principal& by, const NewStaff& input, const std::string& ip);
  // Adds to `school_id` without a principal (command line, demo).
  Result<long long> AddToSchool(long long school_id, const NewStaff& input);

  Result<std::vector<Staff>> List(const Principal& by);
  Status ChangeRole(const Principal& by, long long staff_id, const std::string& role,
                    const std::string& ip);
  // Refuses to deactivate yourself or the school's last active administrator.
  Status SetActive(const Principal& by, long long staff_id, bool active, const std::string& ip);

 private:
  Status KeepsAnAdministrator(const Principal& by, const Staff& target, bool losing_admin);

  Store& store_;
};

}  // namespace attune
