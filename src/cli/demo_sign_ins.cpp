#include "cli/demo_sign_ins.h"

#include <iomanip>

#include "demo/demo_school.h"
#include "demo/family.h"
#include "demo/organisations.h"
#include "model/role.h"

namespace attune::cli {

Status EnsureDemo(Store& store) {
  auto schools = store.ListSchools();
  if (!schools.ok()) return schools.status();
  if (!schools->empty()) return Status::Ok();
  auto result = demo::GenerateDemo(store, demo::DemoOptions{});
  return result.ok() ? Status::Ok() : result.status();
}

void PrintDemoSignIns(Store& store, std::ostream& out) {
  demo::DemoOptions defaults;
  bool any = false;
  for (Role role : AllRoles()) {
    std::string email = std::string(RoleName(role)) + "@demo.attune.school";
    auto staff = store.FindStaffByEmail(email);
    if (!staff.ok() || !staff->active) continue;
    if (!any) out << "Demo sign-ins (password for each: " << defaults.password << "):\n";
    any = true;
    out << "  " << std::left << std::setw(30) << RoleLabel(role) << email << "\n";
  }
  // The demo's parent (demo/family.h): their own child's pages only.
  auto parent = store.FindFamilyByEmail(demo::kDemoParentEmail);
  if (any && parent.ok() && parent->active) {
    out << "  " << std::left << std::setw(30) << RoleLabel(Role::kParent) << demo::kDemoParentEmail
        << "\n";
  }
  // The demo's trust and local authority (demo/organisations.h): the
  // group's figures, never a pupil; two-step sign-in at the first sign-in.
  for (const char* email : {demo::kDemoTrustEmail, demo::kDemoAuthorityEmail}) {
    auto member = store.FindOrganisationMemberByEmail(email);
    if (any && member.ok() && member->active) {
      out << "  " << std::left << std::setw(30) << RoleLabel(member->role) << email << "\n";
    }
  }
  if (any) {
    out << "  (roles that read restricted records or manage accounts, and the trust's and\n"
           "   authority's people, set up two-step sign-in, with an authenticator app, at\n"
           "   their first sign-in)\n";
  }
  out.flush();
}

}  // namespace attune::cli
