#include "demo/family.h"

#include "services/family_service.h"
#include "services/incident_service.h"
#include "services/policy_service.h"
#include "services/school_clock.h"

namespace attune::demo {

Status AddDemoFamily(Store& store, long long school_id, const std::string& password_hash) {
  PupilFilter all;
  all.limit = 1;
  auto pupils = store.ListPupils(school_id, all);
  if (!pupils.ok()) return pupils.status();
  if (pupils->empty()) return Status::Ok();
  const Pupil& pupil = pupils->front();
  auto contacts = store.ListContacts(school_id, pupil.id);
  if (!contacts.ok()) return contacts.status();
  if (contacts->empty()) return Status::Ok();
  const Contact& contact = contacts->front();

  FamilyAccount account;
  account.school_id = school_id;
  account.email = kDemoParentEmail;
  account.name = contact.name;
  account.password_hash = password_hash;
  account.created_at = Now();
  auto id = store.CreateFamilyAccount(account);
  if (!id.ok()) return id.status();
  ATTUNE_RETURN_IF_ERROR(store.LinkContact(school_id, contact.id, *id));

  auto teacher = store.FindStaffByEmail("teacher@demo.attune.school");
  if (!teacher.ok()) return teacher.status();
  PolicyService policies(store);
  SchoolClock clock(store);
  IncidentService incidents(store, policies, clock);
  FamilyService families(store, policies, nullptr);
  incidents.set_families(&families);
  Principal by = PrincipalFor(*teacher);
  auto note = [&](const std::string& category, const std::string& reward,
                  const std::string& words) -> Status {
    RecordRequest r;
    r.pupils.push_back({pupil.id, "involved"});
    r.category = category;
    r.reward = reward;
    r.behaviour = words;
    auto made = incidents.Record(by, r, "");
    return made.ok() ? Status::Ok() : made.status();
  };
  // Seed 004's value postcard and note home, both sent home by its policy;
  // a difficult moment waits for the senior leader (its [families] table).
  ATTUNE_RETURN_IF_ERROR(note("kindness", "value_postcard",
                              pupil.ShownFirstName() +
                                  " noticed a new classmate on their own at break and asked them "
                                  "to join in. Thank you for being so kind."));
  ATTUNE_RETURN_IF_ERROR(note("resilience", "note_home",
                              "Kept going with a tricky maths problem and explained the answer "
                              "to the class."));
  return note("belongings_environment", "", "");
}

}  // namespace attune::demo
