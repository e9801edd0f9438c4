// The record the write floors make (bench/sqlite_insert_floor.cpp,
// bench/pg_write_floor.cpp): one "hurting someone" record at the Zone 6
// step, as attune writes it: the incident, its pupil, two follow-up actions
// and the audit entry, in a school of one member of staff and one pupil.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>

#include "storage/sql/group_commit.h"
#include "storage/sql/incident_write.h"
#include "storage/store.h"

namespace attune::bench {

struct Ids {
  long long school = 0, staff = 0, pupil = 0, policy_version = 0;
};

// A school with one member of staff and one pupil in `store`; the policy
// version is the caller's (each dialect's own way in).
inline Ids MakeSchool(Store& store) {
  auto made = [](const Result<long long>& id, const char* what) {
    if (!id.ok()) throw std::runtime_error(std::string(what) + ": " + id.status().ToString());
    return *id;
  };
  Ids ids;
  School school;
  school.name = "Bench School";
  ids.school = made(store.CreateSchool(school), "school");
  Staff staff;
  staff.school_id = ids.school;
  staff.email = "teacher" + std::to_string(ids.school) + "@bench.example";
  staff.name = "Ms Bench";
  ids.staff = made(store.CreateStaff(staff), "staff");
  Pupil pupil;
  pupil.school_id = ids.school;
  pupil.upn = "A123456789012";
  pupil.first_name = "Ama";
  pupil.last_name = "Boateng";
  pupil.date_of_birth = *ParseDate("2014-05-04");
  pupil.year_group = 7;
  pupil.sex = "F";
  ids.pupil = made(store.CreatePupil(pupil), "pupil");
  return ids;
}

// Record number `n` (its time a little apart from the others').
inline NewIncident MakeIncident(const Ids& ids, long long n) {
  NewIncident x;
  Incident& i = x.incident;
  i.school_id = ids.school;
  i.policy_version_id = ids.policy_version;
  i.category = "hurting_others";
  i.behaviour_class = "dangerous";
  i.occurred_at = Now() - std::chrono::seconds(n % 3600);
  i.recorded_at = Now();
  i.recorded_by_staff_id = ids.staff;
  i.place = "Playground";
  i.lesson = "Break";
  i.antecedent = "A game of tag became rough near the climbing frame.";
  i.behaviour = "Pushed another child to the ground and kicked out when an adult came over.";
  i.response = "Co-regulated in Zone 6; PACE; both children checked for injuries.";
  i.perceived_function = "sensory";
  i.others_involved = {"peers"};
  i.pupils.push_back({ids.pupil, "involved", "zone_6", 0, ""});
  for (const char* kind : {"phone_call_home", "restorative_conversation"}) {
    Action a;
    a.school_id = ids.school;
    a.pupil_id = ids.pupil;
    a.kind = kind;
    a.label = kind;
    a.assignee_role = "teacher";
    a.assignee_staff_id = ids.staff;
    a.due_at = Now() + std::chrono::hours(5);
    a.description = "A phone call home will be made to inform the parents.";
    a.because = "step \"Restorative conversation in Zone 6\"";
    x.actions.push_back(a);
  }
  return x;
}

// attune's own write of the record's rows, with its audit entry.
inline void WriteRows(sql::WriteSession& w, NewIncident& x) {
  AuditEntry audit;
  audit.school_id = x.incident.school_id;
  audit.staff_id = x.incident.recorded_by_staff_id;
  audit.action = "incident.record";
  audit.detail = "1 pupil(s)";
  audit.ip = "127.0.0.1";
  long long id = 0;
  sql::WriteIncident(w, x, &id, audit);
}

}  // namespace attune::bench
