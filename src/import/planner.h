// Inside PlanSchool (plan.h): the snapshot indexed by id, key and link, and
// what the export's rows have been matched to so far. plan.cpp plans the
// school and the leavers, plan_people.cpp staff and pupils,
// plan_classes.cpp forms, teaching groups and who is in each.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "import/plan.h"

namespace attune::import {

class Planner {
 public:
  Planner(const Export& e, const ExportSchool* org, long long school_id, const RosterSnapshot& now,
          PlanContext& context, ImportReport& report);

  Result<SchoolPlan> Run();

 private:
  // Whether a person or class of the export belongs to the school planned.
  bool InSchool(const std::vector<std::string>& schools) const;
  bool InSchool(const std::string& school) const;
  const MisLink* LinkOf(Kind kind, const std::string& source_id) const;
  const MisLink* LinkTo(Kind kind, long long local_id) const;
  // Adds a link of `source_id` to `local_id` unless it is held already.
  void Link(Kind kind, const std::string& source_id, long long local_id);
  void Problem(const RowPlace& at, std::string message);
  long long NewId() { return context_.next_new_id--; }

  void PlanSchoolDetails();
  Status PlanStaff();
  void PlanStaffLeaving();
  void PlanForms();
  void PlanGroups();
  // Forms or teaching groups (Side: plan_classes.cpp), matched, created
  // and changed.
  template <typename Side>
  void PlanClasses(std::unordered_map<long long, const typename Side::Row*>& by_id,
                   std::unordered_map<std::string, const typename Side::Row*>& by_name,
                   std::vector<typename Side::Row>& created,
                   std::vector<typename Side::Row>& changed);
  Status PlanPupils();
  void PlanPupilsLeaving();
  void PlanPlaces();
  // Invalid when the plan marks more than half of the school's pupils (or
  // active staff) as left and the context does not allow it.
  Status CheckLeavers() const;
  // The year group of class `key` from its pupils' (the commonest), or -1.
  int YearFromPupils(const std::string& key) const;
  // Whether the export (whole, and sure of it) says who has left.
  bool SaysWhoLeft() const { return e_.whole && !e_.unsure_who_left; }

  const Export& e_;
  const ExportSchool* org_;
  const RosterSnapshot& now_;
  PlanContext& context_;
  ImportReport& report_;
  SchoolPlan plan_;

  // The snapshot, indexed.
  std::unordered_map<std::string, const MisLink*> link_by_source_[kKinds];
  std::unordered_map<long long, const MisLink*> link_by_local_[kKinds];
  std::unordered_map<long long, const Staff*> staff_by_id_;
  std::unordered_map<std::string, const Staff*> staff_by_email_;
  std::unordered_map<long long, const Pupil*> pupil_by_id_;
  std::unordered_map<std::string, const Pupil*> pupil_by_upn_;
  std::unordered_map<long long, const Form*> form_by_id_;
  std::unordered_map<std::string, const Form*> form_by_name_;
  std::unordered_map<long long, const TeachingGroup*> group_by_id_;
  std::unordered_map<std::string, const TeachingGroup*> group_by_name_;

  // What the export's keys are in attune (ids below 0: to be created).
  std::unordered_map<std::string, long long> staff_ids_, pupil_ids_, class_ids_;
  // The export's pupils by key (their year groups give a class its own).
  std::unordered_map<std::string, const ExportPupil*> pupils_by_key_;
  // Each pupil's form: the key of the form class they are enrolled in.
  std::unordered_map<std::string, std::string> form_of_;
  // Source ids the export has (not leaving), per kind.
  std::unordered_set<std::string> present_[kKinds];
  // Existing rows matched to a row of the export (no second row may take one).
  std::unordered_set<long long> claimed_[kKinds];
  // Existing pupils and staff whose places must not be taken away: their
  // rows were bad, or some of their enrollments were.
  std::unordered_set<long long> keep_pupil_places_, keep_staff_places_;
  // Each class's enrollments, by the class's key.
  std::unordered_map<std::string, std::vector<const ExportEnrollment*>> enrolled_;
};

}  // namespace attune::import
