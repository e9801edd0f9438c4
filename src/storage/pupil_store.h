// Storage of pupils, their personal profiles and contacts.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "model/pupil.h"

namespace attune {

// Which pupils a list shows, and in what order.
struct PupilFilter {
  // Every word must be in the name or UPN (case-insensitive); "" for any.
  std::string query;
  int year_group = -1;    // -1 for any; 0 reception ... 14
  long long form_id = 0;  // 0 for any
  // The census SEN code ("N", "K", "E"); "" for any.
  std::string sen;
  // 1: only pupils with an active plan; -1: only those without; 0: either.
  int active_plan = 0;
  bool by_year = false;  // order by year and form, then name; Default: by name
  // Pupils who have left too (Pupil::left_on). Default: false, on roll only.
  bool include_left = false;
  int limit = 25;
  int offset = 0;
};

// How many pupils share one year group and set of equity fields.
struct PupilKind {
  int year_group = 0;
  PupilGroupFields groups;
  long long pupils = 0;
};

class PupilStore {
 public:
  virtual ~PupilStore() = default;

  // Conflict (field "upn") when the UPN is already used in the school.
  virtual Result<long long> CreatePupil(const Pupil& pupil) = 0;
  // NotFound when no such pupil in this school. Fills form_name, key_adult_name.
  virtual Result<Pupil> GetPupil(long long school_id, long long id) = 0;
  // Pupils on roll whose name or UPN contains every word of `query`
  // (case-insensitive), ordered by surname; at most `limit`. An empty query
  // lists from the start.
  virtual Result<std::vector<Pupil>> SearchPupils(long long school_id, const std::string& query,
                                                  int limit, int offset) = 0;
  virtual Result<long long> CountPupils(long long school_id) = 0;
  // The pupils `filter` finds (one query), and how many it finds in all.
  virtual Result<std::vector<Pupil>> ListPupils(long long school_id, const PupilFilter& filter) = 0;
  virtual Result<long long> CountPupils(long long school_id, const PupilFilter& filter) = 0;
  // The school's pupils on roll counted by what insight groups them by
  // (equity's denominators): one entry per combination there is.
  virtual Result<std::vector<PupilKind>> CountPupilKinds(long long school_id) = 0;
  // Counts the pupils on roll by SEN status: {SEN support, EHCP}.
  virtual Result<std::pair<int, int>> CountSen(long long school_id) = 0;
  // The pupils on roll in teaching group `group_id` (empty when the group
  // is not the school's), ordered by surname.
  virtual Result<std::vector<Pupil>> GroupMembers(long long school_id, long long group_id) = 0;

  // An empty profile (pupil_id set) when none has been written.
  virtual Result<PupilProfile> GetProfile(long long school_id, long long pupil_id) = 0;
  virtual Status SaveProfile(long long school_id, const PupilProfile& profile,
                             long long staff_id) = 0;
  // Every pupil on roll with when their profile was last saved,
  // never-written and longest-ago first.
  virtual Result<std::vector<ProfileSaved>> ListProfileSaves(long long school_id) = 0;

  virtual Result<long long> AddContact(long long school_id, const Contact& contact) = 0;
  // In order of priority.
  virtual Result<std::vector<Contact>> ListContacts(long long school_id, long long pupil_id) = 0;
};

}  // namespace attune
