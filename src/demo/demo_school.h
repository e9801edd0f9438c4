// The demo school generator: a complete, clearly fictional English
// secondary school (Years 7–11) to try attune with, or several for a trust
// or local authority.
//
// Per school: the calendars of 2021/22 to 2026/27, the periods of the day, places, staff
// in every role, forms, pupils with census details, key adults, personal
// profiles and contacts, teaching groups and a week's timetable; with
// history, its records and the children's support plans (plans.h). Every
// demo account signs in with the same password; the first account of each
// role is `<role>@demo.attune.school` (school N > 1: `@demoN.attune.school`).
//
// Deterministic: the same options give the same data, on any platform
// (timestamps such as created_at aside). Each school is written in one
// transaction: a school is either complete or absent.
//
// Thread-safety: GenerateDemo may run alongside other users of the Store.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "storage/store.h"

namespace attune::demo {

// The policy every demo school runs (policies/<name>, compiled in).
inline constexpr const char* kDemoPolicy = "004_blue_sky_learning.toml";

struct DemoOptions {
  // How many schools (a trust or local authority). 1 to 10000. Default: 1
  int schools = 1;
  // Pupils on roll per school, spread across Years 7–11. 0 to 5000. Larger
  // rolls get more forms, groups, teachers and classrooms. Default: 400
  int pupils = 400;
  // School days of behaviour history up to yesterday, recorded through the
  // services (recorded_history.h); 0 for none. 0 to 1200. Default: 60
  int days = 60;
  // When above 0, instead of `days`: this school year's history so far and
  // that of the `years` - 1 before it (history.h). 0 to 5. Default: 0
  int years = 0;
  // Seed of the pseudo-random generator. Default: 20260901
  unsigned long long seed = 20260901;
  // Every demo account's password; must pass CheckPasswordStrength.
  // Default: "attune-demo-2026"
  std::string password = "attune-demo-2026";
  // A trust and a local authority holding every demo school, with a person
  // each (demo/organisations.h, decision 0034). Default: true
  bool organisations = true;
};

// An account to sign in with.
struct DemoSignIn {
  std::string role;  // RoleName(), e.g. "senco"
  std::string name;  // "Ms R. Okafor"
  std::string email;
  std::string password;
};

struct DemoResult {
  std::vector<long long> school_ids;
  // One per role of the first school, in role order teacher, support,
  // pastoral, senco, dsl, senior, admin.
  std::vector<DemoSignIn> sign_ins;
  long long pupils = 0;   // across all schools
  long long staff = 0;    // across all schools
  long long records = 0;  // history records, across all schools
  long long plans = 0;    // support plans (plans.h), across all schools
};

// Creates the demo school(s) in `store`.
// REQUIRES: `store` is migrated.
// Returns Invalid (naming the option) for options out of range or a weak
// password, and Conflict when the demo accounts already exist in `store`;
// schools written before a failure stay.
Result<DemoResult> GenerateDemo(Store& store, const DemoOptions& options);

}  // namespace attune::demo
