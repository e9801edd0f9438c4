// Finding pupils and reading a pupil's page, with special-category fields
// and contacts only for the roles allowed them; reads of those are audited.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "services/policy_service.h"
#include "storage/store.h"

namespace attune {

struct PupilPage {
  Pupil pupil;  // special-category fields cleared unless show_sensitive
  PupilProfile profile;
  std::vector<Contact> contacts;  // empty unless show_contacts
  bool show_sensitive = false;
  bool show_contacts = false;
};

// Longest text kept in one profile field, and in one communication
// preference of the pupil's own.
inline constexpr size_t kMaxProfileText = 4000;
inline constexpr size_t kMaxPreference = 200;
inline constexpr size_t kMaxPreferences = 30;

struct PupilSearch {
  std::string query;
  int limit = 25;  // Default: 25; at most 100
  int offset = 0;
  // Return the special-category fields too, for a principal allowed them
  // (an audited read). Default: false, the fields cleared.
  bool with_sensitive = false;
};

class PupilService {
 public:
  explicit PupilService(Store& store) : store_(store), policies_(store) {}

  // Invalid when limit/offset are out of range or the query is too long.
  static Status Validate(const PupilSearch& search);

  // Pupils of the principal's school; special-category fields cleared unless
  // asked for and the principal may see them, when the read is audited
  // (services/audit.h), naming every pupil returned.
  Result<std::vector<Pupil>> Search(const Principal& by, const PupilSearch& search,
                                    const std::string& ip);
  Result<long long> Count(const Principal& by);

  // The pupil list: the pupils `filter` finds in the principal's school,
  // read in one query, without the special-category fields (never in a
  // list). Filtering by SEN status is open to every role that reads
  // pupils, as the pupil page shows it to them. Forbidden without
  // pupils.view; Invalid when limit is outside 1 to kMaxListed, offset
  // negative or the words longer than 100 characters.
  static constexpr int kMaxListed = 10001;
  Result<std::vector<Pupil>> List(const Principal& by, const PupilFilter& filter);
  // How many pupils `filter` finds in all (limit and offset ignored).
  Result<long long> Count(const Principal& by, const PupilFilter& filter);
  // The SEN register's size: pupils on SEN support, and with an EHC plan.
  Result<std::pair<int, int>> CountSen(const Principal& by);

  // NotFound when no such pupil in the principal's school. A page with
  // special-category fields is an audited read.
  Result<PupilPage> Page(const Principal& by, long long pupil_id, const std::string& ip);

  // The pupil's parents and carers, for roles with pupils.view_contacts
  // (Forbidden otherwise); NotFound for no such pupil in the school.
  Result<std::vector<Contact>> Contacts(const Principal& by, long long pupil_id);

  // Whether `by` may write pupils' profiles: profile.edit, and one of the
  // roles the policy in force names in [profile] edited_by (when it does).
  Result<bool> MayEditProfile(const Principal& by);

  // Replaces the pupil's personal profile, written with the pupil. Texts are
  // trimmed; `communication` keeps its order without repeats or blanks: the
  // checklist's items (the policy's, seed 002) and the pupil's own (at most
  // kMaxPreference characters each, kMaxPreferences in all). `own_words`
  // names parts of ProfileParts() (repeats dropped); `reviewed_with_pupil_on`
  // is the day the pupil went through it (none: saved without the pupil,
  // the day before kept; never in the future). Forbidden unless
  // MayEditProfile; NotFound for no such pupil; Invalid naming the field.
  // Audited. Returns the profile as saved.
  Result<PupilProfile> SaveProfile(const Principal& by, PupilProfile profile,
                                   const std::string& ip);

 private:
  Store& store_;
  PolicyService policies_;  // the policy in force says who edits profiles
};

// Clears ethnicity, FSM, looked-after and EHCP.
void RedactSensitive(Pupil& pupil);

}  // namespace attune
