// Storage of organisations above schools (model/organisation.h): trusts
// and local authorities, the schools each holds, their people and those
// people's sessions, and the notices the law sends a local authority
// (decision 0034).
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/organisation.h"
#include "model/principal.h"
#include "model/school.h"
#include "storage/session_store.h"

namespace attune {

// One notice the law sends the local authority, as the authority's officers
// see it: never the pupil (decision 0034); the school's record number lets
// the officer and the school speak of the same notice.
struct AuthorityNotice {
  long long school_id = 0;
  std::string school_name;
  long long incident_id = 0;  // the school's record number
  // kSuspensionNotice or kPhysicalNotice.
  std::string kind;
  Date day;             // a suspension's first day; the day of a physical intervention
  int school_days = 0;  // a suspension's
  std::vector<std::string> reason_codes;  // a suspension's DfE codes
  // When the school marked the written notice to the authority sent;
  // none while it is still to be sent.
  std::optional<Timestamp> sent_at;

  static constexpr const char* kSuspensionNotice = "suspension";
  static constexpr const char* kPhysicalNotice = "physical_intervention";
};

class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;

  // Conflict when an organisation of the kind already has the name.
  virtual Result<long long> CreateOrganisation(const Organisation& organisation) = 0;
  // NotFound when there is none.
  virtual Result<Organisation> GetOrganisation(long long id) = 0;
  virtual Result<std::vector<Organisation>> ListOrganisations() = 0;
  // Puts `school_id` in the organisation. Conflict when the school is
  // already in another organisation of the same kind; attaching it again
  // to the same one changes nothing.
  virtual Status AttachSchool(long long organisation_id, long long school_id) = 0;
  // Takes the school out of the organisation (a school moving to another
  // trust); its records stay the school's. NotFound when it was not in it.
  virtual Status DetachSchool(long long organisation_id, long long school_id) = 0;
  // The organisation's schools, by name.
  virtual Result<std::vector<School>> ListOrganisationSchools(long long organisation_id) = 0;

  // Conflict when the email is taken by another organisation account.
  virtual Result<long long> CreateOrganisationMember(const OrganisationMember& member) = 0;
  // By lower-case email, active or not. NotFound when there is none.
  virtual Result<OrganisationMember> FindOrganisationMemberByEmail(const std::string& email) = 0;
  virtual Result<std::vector<OrganisationMember>> ListOrganisationMembers(
      long long organisation_id) = 0;
  // Whether the member may sign in; taking it away ends every session of
  // theirs at once. NotFound when there is no such member.
  virtual Status SetOrganisationMemberActive(long long member_id, bool active) = 0;
  // Sets the member's password (its argon2id hash) and ends every session
  // of theirs but `keep_id_hash`, in one transaction. NotFound when there
  // is no such member.
  virtual Status SetOrganisationMemberPassword(long long member_id,
                                               const std::string& password_hash,
                                               const std::string& keep_id_hash, Timestamp now) = 0;

  // Sessions, as SessionStore's for staff: the record's school_id holds the
  // organisation's id and its staff_id the member's.
  virtual Status CreateOrganisationSession(const SessionRecord& session) = 0;
  // The principal of an unexpired session of an active member, with
  // organisation_id and member_id set and school_id 0. NotFound otherwise.
  virtual Result<Principal> FindOrganisationSession(const std::string& id_hash, Timestamp now,
                                                    Timestamp* expires_at) = 0;
  virtual Status TouchOrganisationSession(const std::string& id_hash, Timestamp now,
                                          Timestamp expires_at) = 0;
  virtual Status DeleteOrganisationSession(const std::string& id_hash) = 0;

  // The notices of the local authority's schools between `from` and `to`
  // (inclusive), newest first, at most `limit`: every decided suspension
  // (by its first day) and every physical intervention whose notice goes
  // to the authority instead of the parents (by its day, London time).
  virtual Result<std::vector<AuthorityNotice>> ListAuthorityNotices(long long organisation_id,
                                                                    Date from, Date to,
                                                                    int limit) = 0;
};

}  // namespace attune
