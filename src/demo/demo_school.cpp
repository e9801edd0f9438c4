#include "demo/demo_school.h"

#include "core/secrets.h"
#include "demo/calendar.h"
#include "demo/family.h"
#include "demo/history.h"
#include "demo/names.h"
#include "demo/organisations.h"
#include "demo/places.h"
#include "demo/plans.h"
#include "demo/pupils.h"
#include "demo/random.h"
#include "demo/recorded_history.h"
#include "demo/school_size.h"
#include "demo/staff_roster.h"
#include "demo/timetable.h"
#include "services/policy_service.h"

namespace attune::demo {

namespace {

std::string EmailDomain(int school) {
  return school == 1 ? "demo.attune.school" : "demo" + std::to_string(school) + ".attune.school";
}

std::string SchoolName(int school) {
  return SchoolBaseName(school) +
         (school == 1 ? " (demo)" : " (demo " + std::to_string(school) + ")");
}

Status Validate(const DemoOptions& options) {
  if (options.schools < 1 || options.schools > 10000) {
    return Status::Invalid("Choose between 1 and 10000 demo schools", "schools");
  }
  if (options.pupils < 0 || options.pupils > 5000) {
    return Status::Invalid("Choose between 0 and 5000 pupils per school", "pupils");
  }
  if (options.days < 0 || options.days > kMostHistoryDays) {
    return Status::Invalid(
        "Choose between 0 and " + std::to_string(kMostHistoryDays) + " school days of history",
        "days");
  }
  if (options.years < 0 || options.years > kMostHistoryYears) {
    return Status::Invalid(
        "Choose between 0 and " + std::to_string(kMostHistoryYears) + " school years of history",
        "years");
  }
  return CheckPasswordStrength(options.password, "password");
}

// Writes school number `school`; the caller runs it in one transaction.
Status GenerateSchool(Store& store, const DemoOptions& options, int school, const SchoolSize& size,
                      const std::string& password_hash, DemoResult& result) {
  School s;
  s.name = SchoolName(school);
  s.urn = std::to_string(900000 + school);  // beyond any URN the DfE has issued
  s.phase = "secondary";
  auto school_id = store.CreateSchool(s);
  if (!school_id.ok()) return school_id.status();

  ATTUNE_RETURN_IF_ERROR(AddCalendar(store, *school_id));
  auto periods = AddPeriods(store, *school_id);
  if (!periods.ok()) return periods.status();
  auto places = AddPlaces(store, *school_id, size.classrooms);
  if (!places.ok()) return places.status();

  DemoRandom staff_random(options.seed, "staff", school);
  auto staff =
      AddStaff(store, *school_id, EmailDomain(school), size.teachers, password_hash, staff_random);
  if (!staff.ok()) return staff.status();

  auto forms = AddForms(store, *school_id, size.forms_per_year, *staff);
  if (!forms.ok()) return forms.status();
  DemoRandom pupil_random(options.seed, "pupils", school);
  auto pupils = AddPupils(store, *school_id, size.pupils, *forms, *staff, pupil_random);
  if (!pupils.ok()) return pupils.status();

  DemoRandom timetable_random(options.seed, "timetable", school);
  ATTUNE_RETURN_IF_ERROR(AddTimetable(store, *school_id, *periods, *places, *forms, *staff, *pupils,
                                      size.groups_per_band, timetable_random));

  // The demo school runs seed 004's policy, in force from the start of its
  // calendar, so that every year of history is recorded under it.
  Date first_day = date::year{kFirstSchoolYear} / date::September / date::day{1};
  auto policy = PolicyService(store).InstallShipped(*school_id, kDemoPolicy, first_day);
  if (!policy.ok()) return policy.status();

  result.school_ids.push_back(*school_id);
  result.pupils += static_cast<long long>(pupils->size());
  result.staff += static_cast<long long>(staff->size());
  if (school == 1) {
    Role previous = Role::kAdmin;
    for (const auto& m : *staff) {
      if (!result.sign_ins.empty() && m.staff.role == previous) continue;
      previous = m.staff.role;
      result.sign_ins.push_back(
          {RoleName(m.staff.role), m.staff.name, m.staff.email, options.password});
    }
  }
  return Status::Ok();
}

// The history's notifications were news on days that have passed: each
// member of staff has seen theirs, so the demo opens calmly, with a badge
// only for what happens once it is running. Kept for the notifications page.
Status MarkHistorySeen(Store& store, long long school_id) {
  auto staff = store.ListStaff(school_id);
  if (!staff.ok()) return staff.status();
  Timestamp now = Now();
  for (const auto& s : *staff) {
    ATTUNE_RETURN_IF_ERROR(
        store.MarkNotificationsRead(school_id, s.id, 0, now, FromUnix(0)));  // forgets none
  }
  return Status::Ok();
}

}  // namespace

Result<DemoResult> GenerateDemo(Store& store, const DemoOptions& options) {
  ATTUNE_RETURN_IF_ERROR(Validate(options));
  ATTUNE_RETURN_IF_ERROR(InitSecrets());
  // Refuse before writing anything if any school's accounts are taken.
  for (int school = 1; school <= options.schools; ++school) {
    std::string email = "teacher@" + EmailDomain(school);
    auto existing = store.FindStaffByEmail(email);
    if (existing.ok()) {
      return Status::Conflict("This database already has the demo account " + email +
                                  "; generate the demo into a new database",
                              "email");
    }
    if (existing.status().code() != StatusCode::kNotFound) return existing.status();
  }
  // One argon2id hash for every demo account: hashing takes tens of
  // milliseconds, and the accounts share a password anyway.
  auto hash = HashPassword(options.password);
  if (!hash.ok()) return hash.status();

  SchoolSize size = PlanSchoolSize(options.pupils);
  DemoResult result;
  for (int school = 1; school <= options.schools; ++school) {
    ATTUNE_RETURN_IF_ERROR(store.RunInTransaction(
        [&] { return GenerateSchool(store, options, school, size, *hash, result); }));
    if ((options.days > 0 || options.years > 0) && size.pupils > 0) {
      HistoryOptions history;
      history.days = std::max(options.days, 1);
      history.years = options.years;
      history.until = LondonDate(Now());
      history.seed = options.seed;
      auto recorded = RecordDemoHistory(store, result.school_ids.back(), history);
      if (!recorded.ok()) return recorded.status();
      result.records += recorded->records;
      auto plans = AddDemoPlans(store, result.school_ids.back(), options.seed, history.until);
      if (!plans.ok()) return plans.status();
      result.plans += plans->plans;
      ATTUNE_RETURN_IF_ERROR(MarkHistorySeen(store, result.school_ids.back()));
      // A family to sign in as, with today's notes home (issue 15).
      if (school == 1)
        ATTUNE_RETURN_IF_ERROR(AddDemoFamily(store, result.school_ids.back(), *hash));
    }
  }
  // A trust and a local authority holding the demo schools, with a person
  // each to sign in as (decision 0034).
  if (options.organisations) {
    ATTUNE_RETURN_IF_ERROR(AddDemoOrganisations(store, result.school_ids, *hash));
  }
  return result;
}

}  // namespace attune::demo
