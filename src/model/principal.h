// Who is making a request: a signed-in member of staff (by session cookie)
// or an API client (by bearer token acting for a member of staff).
#pragma once

#include <string>

#include "model/role.h"
#include "model/staff.h"

namespace attune {

struct Principal {
  long long staff_id = 0;
  long long school_id = 0;
  std::string name;
  std::string email;
  Role role = Role::kTeacher;
  std::string session_id_hash;  // empty for API tokens
  std::string csrf_token;       // empty for API tokens
  bool via_token = false;
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
