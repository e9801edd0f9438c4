// Storage for the MIS import (src/import/, decision 0032): what attune holds
// of one school's roster, read at once so that an export is compared with
// it in memory; the links from each OneRoster sourcedId to the attune row
// it became; the writes an import makes beyond the other stores' own; and
// the imports the admin's page keeps.
//
// Nothing here deletes a pupil or a member of staff: leaving is a date.
//
// Thread-safety: implementations are safe to call from many threads. An
// import calls ReadRoster and the writes inside one RunInTransaction.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/pupil.h"
#include "model/school.h"
#include "model/staff.h"

namespace attune {

// One sourcedId of a school's export and the attune row it is.
struct MisLink {
  std::string kind;       // "school", "staff", "pupil", "form", "group"
  std::string source_id;  // the export's sourcedId
  long long local_id = 0;
  // The day the import marked the row left; for staff, why they are
  // deactivated (they come back when the MIS has them again). None
  // otherwise.
  std::optional<Date> left_on;
};

// A membership: (teaching group, pupil) or (teaching group, member of staff).
using GroupPair = std::pair<long long, long long>;

// Everything of one school an import compares an export with.
struct RosterSnapshot {
  School school;
  std::vector<Staff> staff;   // active and deactivated, password hashes cleared
  std::vector<Pupil> pupils;  // on roll and left; form_name and key_adult_name not filled
  std::vector<Form> forms;
  std::vector<TeachingGroup> groups;
  std::vector<GroupPair> members;   // (group, pupil)
  std::vector<GroupPair> teachers;  // (group, staff)
  std::vector<MisLink> links;
};

// One import of a school, as the import page lists it.
struct MisImportRecord {
  long long id = 0;
  long long school_id = 0;
  long long staff_id = 0;  // who uploaded it; 0 for the command line
  std::string staff_name;  // filled by reads
  std::string file_name;   // the uploaded file, or the command's folder or file
  Timestamp uploaded_at{};
  std::string export_zip;  // base64 of the upload until applied; "" after, and in lists
  std::string report;      // JSON (import/report.h)
  std::optional<Timestamp> applied_at;
  long long applied_by_staff_id = 0;
  std::string applied_by_name;  // filled by reads
};

class RosterStore {
 public:
  virtual ~RosterStore() = default;

  virtual Result<RosterSnapshot> ReadRoster(long long school_id) = 0;
  // Every school's link to its own org in an export: (school id, link).
  virtual Result<std::vector<std::pair<long long, MisLink>>> ListSchoolLinks() = 0;
  // Saves `link` for the school, replacing the row's earlier link and any
  // other row's link to the same sourcedId.
  virtual Status SaveMisLink(long long school_id, const MisLink& link) = 0;

  virtual Status UpdateSchoolDetails(long long school_id, const std::string& name,
                                     const std::string& urn) = 0;
  // The name, email (lower-case) and job title of a member of staff.
  // Conflict (field "email") when another member of staff signs in with it.
  virtual Status UpdateStaffDetails(const Staff& staff) = 0;
  // Every field of `pupil` but its key adult (kept), left_on included.
  // Conflict (field "upn") when another pupil of the school has its UPN.
  virtual Status UpdatePupilDetails(const Pupil& pupil) = 0;
  virtual Status UpdateForm(const Form& form) = 0;
  virtual Status UpdateTeachingGroup(const TeachingGroup& group) = 0;
  // Adds and removes (group, pupil) memberships; adding one held is a no-op.
  virtual Status ChangeGroupMembers(const std::vector<GroupPair>& add,
                                    const std::vector<GroupPair>& remove) = 0;
  // The same for who teaches each group: (group, staff).
  virtual Status ChangeGroupTeachers(const std::vector<GroupPair>& add,
                                     const std::vector<GroupPair>& remove) = 0;

  // The teaching groups `staff_id` teaches, as the MIS says (by year, then
  // name): their classes when the timetable has none.
  virtual Result<std::vector<TeachingGroup>> GroupsTaughtBy(long long school_id,
                                                            long long staff_id) = 0;

  virtual Result<long long> CreateMisImport(const MisImportRecord& record) = 0;
  // NotFound when the school has no such import. Fills export_zip.
  virtual Result<MisImportRecord> GetMisImport(long long school_id, long long id) = 0;
  // The school's newest `limit` imports, newest first, without their exports.
  virtual Result<std::vector<MisImportRecord>> ListMisImports(long long school_id, int limit) = 0;
  // Records that import `id` was applied, with what it did; its export is
  // cleared. Conflict when it was applied already (by someone else, at the
  // same moment).
  virtual Status FinishMisImport(long long school_id, long long id, const std::string& report,
                                 long long staff_id, Timestamp at) = 0;
  // Clears the exports of every upload not applied, made before `before`.
  virtual Status ForgetMisExports(Timestamp before) = 0;
};

}  // namespace attune
