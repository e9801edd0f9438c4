#include "services/staff_service.h"

#include <algorithm>
#include <sstream>

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

Status StaffService::MayGrant(const Principal& by, Role role) {
  if (MayGrantRole(by.role, role)) return Status::Ok();
  return Status::Forbidden(std::string("Only the designated safeguarding lead or a senior leader "
                                       "can give someone the role ") +
                           RoleLabel(role) +
                           ": it reads safeguarding records or pupils' special category "
                           "details, which your role does not. Ask one of them to do it.");
}

void StaffService::AuditGrant(const Principal* by, long long school_id, long long id, Role role,
                              const std::string& how, const std::string& ip) {
  if (!ReadsRestricted(role)) return;
  Principal operator_;
  operator_.school_id = school_id;
  Audit(store_, by ? by : &operator_, "staff.restricted_access_granted", "staff", id,
        how + (by ? "" : ", by the command line (the server's operator)"), ip);
}

Result<long long> StaffService::Create(long long school_id, const NewStaff& in) {
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

Result<long long> StaffService::AddToSchool(long long school_id, const NewStaff& in) {
  auto id = Create(school_id, in);
  if (!id.ok()) return id;
  Principal operator_;
  operator_.school_id = school_id;
  Audit(store_, &operator_, "staff.added", "staff", *id, in.role + ", by the command line", "");
  AuditGrant(nullptr, school_id, *id, *ParseRole(in.role), "added as " + in.role, "");
  return id;
}

Result<long long> StaffService::Add(const Principal& by, const NewStaff& in,
                                    const std::string& ip) {
  if (auto role = ParseRole(in.role)) ATTUNE_RETURN_IF_ERROR(MayGrant(by, *role));
  auto id = Create(by.school_id, in);
  if (!id.ok()) return id;
  Audit(store_, &by, "staff.added", "staff", *id, in.role, ip);
  AuditGrant(&by, by.school_id, *id, *ParseRole(in.role), "added as " + in.role, ip);
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

Result<std::vector<Staff>> StaffService::Find(const Principal& by, const StaffFilter& f) {
  auto staff = List(by);
  if (!staff.ok()) return staff;
  std::vector<std::string> words;
  std::istringstream in(ToLower(f.query));
  for (std::string w; in >> w;) words.push_back(w);
  std::erase_if(*staff, [&](const Staff& s) {
    if (!f.role.empty() && f.role != RoleName(s.role)) return true;
    if (f.status == "active" && !s.active) return true;
    if (f.status == "deactivated" && s.active) return true;
    std::string text = ToLower(s.name + " " + s.email + " " + s.job_title);
    for (const auto& w : words) {
      if (text.find(w) == std::string::npos) return true;
    }
    return false;
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
  ATTUNE_RETURN_IF_ERROR(MayGrant(by, *parsed));
  ATTUNE_RETURN_IF_ERROR(KeepsAnAdministrator(by, *target, *parsed != Role::kAdmin));
  // What they could do ends with the role: they sign in again to the new one.
  ATTUNE_RETURN_IF_ERROR(store_.RunInTransaction([&]() -> Status {
    ATTUNE_RETURN_IF_ERROR(store_.UpdateStaffRole(by.school_id, staff_id, *parsed));
    return store_.EndSignIns(staff_id, "", Now());
  }));
  std::string change = std::string(RoleName(target->role)) + " -> " + RoleName(*parsed);
  Audit(store_, &by, "staff.role_changed", "staff", staff_id, change, ip);
  AuditGrant(&by, by.school_id, staff_id, *parsed, change, ip);
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
  if (active) ATTUNE_RETURN_IF_ERROR(MayGrant(by, target->role));
  if (!active) ATTUNE_RETURN_IF_ERROR(KeepsAnAdministrator(by, *target, true));
  // Sessions and tokens end either way: reactivating brings none back.
  ATTUNE_RETURN_IF_ERROR(store_.RunInTransaction([&]() -> Status {
    ATTUNE_RETURN_IF_ERROR(store_.SetStaffActive(by.school_id, staff_id, active));
    return store_.EndSignIns(staff_id, "", Now());
  }));
  Audit(store_, &by, active ? "staff.reactivated" : "staff.deactivated", "staff", staff_id, "", ip);
  if (active) {
    AuditGrant(&by, by.school_id, staff_id, target->role,
               std::string("reactivated as ") + RoleName(target->role), ip);
  }
  return Status::Ok();
}

}  // namespace attune
