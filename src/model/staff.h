// A member of staff, who signs in with email and password.
#pragma once

#include <string>

#include "model/role.h"

namespace attune {

struct Staff {
  long long id = 0;
  long long school_id = 0;
  std::string email;  // unique across the database, stored lower-case
  std::string name;   // "Ms R. Okafor"
  Role role = Role::kTeacher;
  std::string job_title;  // free text shown to colleagues, e.g. "Head of Year 8"
  bool active = true;
  std::string password_hash;  // argon2id; never leaves storage/services
};

}  // namespace attune
