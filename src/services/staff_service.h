// Managing staff accounts: add, change role, deactivate and reactivate.
// Used by the staff admin pages and by `attune user add`.
//
// A role that reads restricted records or special-category fields is given
// (added with, changed to, or reactivated holding) only by someone whose
// role holds that access too (model/role.h, MayGrantRole): the DSL or a
// senior leader, never an administrator alone; each such grant is audited
// as "staff.restricted_access_granted". A role change or deactivation ends
// the member of staff's sessions and API tokens.
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

// Which staff a list shows.
struct StaffFilter {
  std::string query;   // every word in the name, email or job title; "" for any
  std::string role;    // a role name; "" for any
  std::string status;  // "active", "deactivated"; "" for both
};

class StaffService {
 public:
  explicit StaffService(Store& store) : store_(store) {}

  // One validator for every way in: Invalid names the field at fault.
  static Status Validate(const NewStaff& input);

  // Adds to the principal's school. REQUIRES: caller holds staff.manage.
  // Forbidden for a role `by` may not grant.
  Result<long long> Add(const Principal& by, const NewStaff& input, const std::string& ip);
  // Adds to `school_id` for the server's operator (`attune user add`), who
  // holds the database itself: any role, audited as added by the command line.
  Result<long long> AddToSchool(long long school_id, const NewStaff& input);

  Result<std::vector<Staff>> List(const Principal& by);
  // Those of List that `filter` finds, in the same order (one read of the
  // school's staff, filtered here: a school has hundreds, not millions).
  Result<std::vector<Staff>> Find(const Principal& by, const StaffFilter& filter);
  // Forbidden for a role `by` may not grant.
  Status ChangeRole(const Principal& by, long long staff_id, const std::string& role,
                    const std::string& ip);
  // Refuses to deactivate yourself or the school's last active administrator,
  // and to reactivate someone whose role `by` may not grant (Forbidden).
  Status SetActive(const Principal& by, long long staff_id, bool active, const std::string& ip);

 private:
  Result<long long> Create(long long school_id, const NewStaff& input);
  Status KeepsAnAdministrator(const Principal& by, const Staff& target, bool losing_admin);
  // Forbidden unless `by` may give someone `role`.
  static Status MayGrant(const Principal& by, Role role);
  // Audits that `by` (null: the command line) gave staff member `id` the
  // restricted access of `role`, `how` ("added", "teacher -> dsl", ...).
  void AuditGrant(const Principal* by, long long school_id, long long id, Role role,
                  const std::string& how, const std::string& ip);

  Store& store_;
};

}  // namespace attune
