// Comparing what an export says of one school with what attune holds of it
// (a RosterSnapshot), giving the changes to write (a SchoolPlan) and
// counting them into the report. Nothing is written here: a dry run stops
// at the plan, an import writes it (apply.h).
//
// Rows of the export are matched to attune's rows by their link (the
// sourcedId seen before), else a pupil by UPN, a member of staff by email,
// a form or teaching group by name, and linked. Rows and things attune
// holds that the export does not mention keep what they have: a field the
// export lacks is never cleared. For a whole export, a linked pupil or
// member of staff it no longer has (or marks tobedeleted) is marked left
// (decision 0032): a pupil keeps every record and comes back when the
// export has them again; a member of staff is deactivated, never the one
// importing nor the school's last active administrator. A linked teaching
// group the export no longer has is emptied; forms and groups are never
// deleted.
//
// Thread-safety: pure functions of their arguments (the context's
// callback excepted).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "import/export.h"
#include "import/report.h"
#include "storage/roster_store.h"

namespace attune::import {

// The changes for one school. Rows to create have ids below 0, by which
// the plan's other changes refer to them until they are written.
struct SchoolPlan {
  long long school_id = 0;       // below 0: a school to create
  std::optional<School> school;  // a school to create, or new details of one
  std::vector<Staff> staff_created;
  std::vector<Staff> staff_changed;  // name, email or job title
  std::vector<long long> staff_leaving, staff_back;
  std::vector<Form> forms_created, forms_changed;
  std::vector<TeachingGroup> groups_created, groups_changed;
  std::vector<Pupil> pupils_created, pupils_changed;  // a leaver: left_on set
  std::vector<GroupPair> members_added, members_removed;
  std::vector<GroupPair> teachers_added, teachers_removed;
  std::vector<MisLink> links;
  // Ids among pupils_changed whose UPN changes, and among forms_changed and
  // groups_changed whose name does: written in two steps, so that two may
  // swap.
  std::vector<long long> pupils_renumbered, forms_renamed, groups_renamed;

  // How many rows writing it touches.
  size_t Writes() const;
};

// What a plan needs to know beyond the export and the snapshot.
struct PlanContext {
  Date today;
  // Who imports: never marked left; 0 for the command line.
  long long by_staff_id = 0;
  // Their role, which must be able to give a role someone comes back with
  // (model/role.h, MayGrantRole); none for the command line (the server's
  // operator, who may give any).
  std::optional<Role> by_role;
  // Whether `email` is already someone's at another school (or, in this
  // run, claimed for a school planned before).
  std::function<Result<bool>(const std::string& email)> email_elsewhere;
  // Whether a plan may mark more than half of the school's pupils (or
  // active staff) as left; when not, PlanSchool is Invalid, saying how
  // many, and the command line's flag that allows it.
  bool allow_many_leavers = false;
  // The next id for a row to create (below 0), shared by the run's plans.
  long long next_new_id = -1;
};

// Plans school `school_id` (below 0 for one to create) from the part of `e`
// that is school `org_key`'s ("" for a plain CSV: all of it), against
// `now`. Bad rows are added to `report`'s problems and skipped.
Result<SchoolPlan> PlanSchool(const Export& e, const ExportSchool* org, long long school_id,
                              const RosterSnapshot& now, PlanContext& context,
                              ImportReport& report);

}  // namespace attune::import
