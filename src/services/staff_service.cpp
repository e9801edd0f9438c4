#include "services/staff_service.h"

#include <algorithm>

#include "core/secrets.h"
#include "services/audit.h"
#include "services/text.h"

namespace attune {

Status StaffService::Validate(const NewStaff& in) {
  std::string name = Trim(in.name);
  if (name.empty()) return Status::Invalid("Enter the member of staff's name", "name");
  if (name.size() > 120) return Status::Invalid("Keep the name under 120 characters", "name");
  std::string email = Trim(in.email);
  if (email.empty()) return Status::Invalid("Enter an email address", "email");
  if (!LooksLikeEmail(email)) {
    return Status::Invalid("Enter an email address like name@school.org.uk", "email");
  }
  if (!ParseRole(in.role)) {
    return Status::Invalid("Choose a role: teacher, support, pastoral, senco, dsl, senior or admin",
                           "role");
  }
  if (in.job_title.size() > 120) {
    return Status::Invalid("Keep the job title under 120 characters", "job_title");
  }
  return CheckPasswordStrength(in.password, "password");
}

Result<long long> StaffService::AddToSchool(long long school_id, const NewStaff& in) {
  ATTUNE_RETURN_IF_ERROR(Validate(in));
  auto hash = HashPassword(in.password);
  if (!hash.ok()) return hash.status();
  Staff s;
  s.school_id = school_id;
  s.email = ToLower(Trim(in.email));
  s.name = Trim(in.name);
  s.role = *ParseRole(in.role);
  s.job_title = Trim(in.job_title);
  s.password_hash = *hash;
  return store_.CreateStaff(s);
}

Result<long long> StaffService::Add(const Principal& by, const NewStaff& in,
                                    const std::string& ip) {
  auto id = AddToSchool(by.school_id, in);
  if (id.ok()) Audit(store_, &by, "staff.added", "staff", *id, in.role, ip);
  return id;
}

Result<std::vector<Staff>> StaffService::List(const Principal& by) {
  auto staff = store_.ListStaff(by.school_id);
  if (!staff.ok()) return staff;
  // Active first, then by surname (the last word of the name), as a school
  // staff list reads.
  auto surname = [](const std::string& name) { return ToLower(name.substr(name.rfind(' ') + 1)); };
  std::stable_sort(staff->begin(), staff->end(), [&](const Staff& a, const Staff& b) {
    if (a.active != b.active) return a.active;
    return surname(a.name) < surname(b.name);
  });
  return staff;
}

Status StaffService::KeepsAnAdministrator(const Principal& by, const Staff& target,
                                          bool losing_admin) {
  if (!losing_admin || target.role != Role::kAdmin || !target.active) return Status::Ok();
  auto admins = store_.CountActiveWithRole(by.school_id, Role::kAdmin);
  if (!admins.ok()) return admins.status();
  if (*admins <= 1) {
    return Status::Invalid(
        "This is the school's only active administrator; give another member of staff the "
        "administrator role first");
  }
  return Status::Ok();
}

Status StaffService::ChangeRole(const Principal& by, long long staff_id, const std::string& role,
                                const std::string& ip) {
  auto parsed = ParseRole(role);
  if (!parsed) {
    return Status::Invalid("Choose a role: teacher, support, pastoral, senco, dsl, senior or admin",
                           "role");
  }
  auto target = store_.GetStaff(by.school_id, staff_id);
  if (!target.ok()) return target.status();
  if (target->role == *parsed) return Status::Ok();
  ATTUNE_RETURN_IF_ERROR(KeepsAnAdministrator(by, *target, *parsed != Role::kAdmin));
  ATTUNE_RETURN_IF_ERROR(store_.UpdateStaffRole(by.school_id, staff_id, *parsed));
  Audit(store_, &by, "staff.role_changed", "staff", staff_id,
        std::string(RoleName(target->role)) + " -> " + RoleName(*parsed), ip);
  return Status::Ok();
}

Status StaffService::SetActive(const Principal& by, long long staff_id, bool active,
                               const std::string& ip) {
  if (!active && staff_id == by.staff_id) {
    return Status::Invalid("You cannot deactivate your own account");
  }
  auto target = store_.GetStaff(by.school_id, staff_id);
  if (!target.ok()) return target.status();
  if (target->active == active) return Status::Ok();
  if (!active) ATTUNE_RETURN_IF_ERROR(KeepsAnAdministrator(by, *target, true));
  ATTUNE_RETURN_IF_ERROR(store_.SetStaffActive(by.school_id, staff_id, active));
  if (!active) ATTUNE_RETURN_IF_ERROR(store_.DeleteSessionsOf(staff_id, ""));
  Audit(store_, &by, active ? "staff.reactivated" : "staff.deactivated", "staff", staff_id, "", ip);
  return Status::Ok();
}

}  // namespace attune
