// Who is making a request: a signed-in member of staff (by session cookie),
// a parent or carer, a trust's or local authority's person, or an API
// client (by bearer token acting for a member of staff or a family).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/audit.h"
#include "model/role.h"
#include "model/staff.h"

namespace attune {

// What one request has read of restricted records and special-category
// fields, so that the request is audited once, naming all of it
// (services/audit.h). Belongs to the one thread serving the request.
struct ReadLedger {
  std::vector<long long> restricted_records;  // incident ids
  std::vector<long long> sensitive_pupils;    // pupil ids
  // Other reads' entries (pupil.read_contacts, export.csv), queued with
  // the rest at the end of the request: one write for a page's reads, not
  // one per call home on the queue.
  std::vector<AuditEntry> entries;
};

// What a member of staff still owes after their password before their
// session opens anything but their own sign-in (decision 0030): nothing,
// a code from their authenticator app (or a recovery code), or setting
// two-step sign-in up.
enum class SecondFactorDue { kNone, kCode, kEnrolment };

// "none", "code", "enrol": as sessions store it.
inline const char* SecondFactorDueName(SecondFactorDue due) {
  switch (due) {
    case SecondFactorDue::kCode:
      return "code";
    case SecondFactorDue::kEnrolment:
      return "enrol";
    case SecondFactorDue::kNone:
      break;
  }
  return "none";
}
// The stored name read back; anything unknown owes the most (set-up).
inline SecondFactorDue ParseSecondFactorDue(std::string_view name) {
  if (name == "none") return SecondFactorDue::kNone;
  if (name == "code") return SecondFactorDue::kCode;
  return SecondFactorDue::kEnrolment;
}

struct Principal {
  long long staff_id = 0;  // 0 for a parent or carer
  // A parent or carer (role kParent): their family account's id; 0 for staff.
  long long family_id = 0;
  // Above schools (model/organisation.h): the organisation and the
  // member's account; school_id is then 0, as they belong to no school.
  long long organisation_id = 0;
  long long member_id = 0;
  long long school_id = 0;
  std::string name;
  std::string email;
  Role role = Role::kTeacher;
  std::string session_id_hash;  // empty for API tokens
  std::string csrf_token;       // empty for API tokens
  bool via_token = false;
  // A session still owing its second factor holds only kPublic and
  // kOwnSignIn (services/authorization.h). Always kNone for API tokens.
  SecondFactorDue second_factor_due = SecondFactorDue::kNone;
  // The request's ledger of restricted reads; null outside a request, when
  // such reads are audited at once.
  std::shared_ptr<ReadLedger> reads;
};

// A member of staff acting for themselves, outside a request (the demo
// history, tests).
inline Principal PrincipalFor(const Staff& s) {
  Principal p;
  p.staff_id = s.id;
  p.school_id = s.school_id;
  p.name = s.name;
  p.email = s.email;
  p.role = s.role;
  return p;
}

}  // namespace attune
