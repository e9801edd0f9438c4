// Families: parents' and carers' accounts and what of the school's records
// reaches them (issue 15, decision 0026).
//
// A family account is linked to its children through the school's contacts
// (model/pupil.h Contact): each contact it signs in as makes that pupil one
// of its children. It sees, of its own children only, what the policy lets
// families see ([families] in docs/policy.md): never a restricted record,
// never another child's name, never staff's notes on a record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace attune {

struct FamilyAccount {
  long long id = 0;
  long long school_id = 0;
  std::string email;  // lower case
  std::string name;
  std::string password_hash;  // "" until the invitation is accepted
  bool active = true;
  bool weekly_digest = false;
  Timestamp created_at{};

  bool HasPassword() const { return !password_hash.empty(); }
};

// How the recorder set "Send home" on a positive note: as the policy says
// for the recognition given ([families] notes_home, a reward's send_home),
// or chosen for this note.
enum class SendHome { kAsPolicySays, kYes, kNo };

// One of a family's children, as the family sees them.
struct FamilyChild {
  long long pupil_id = 0;
  std::string first_name;  // the name they go by
  std::string last_name;
  int year_group = 0;
  std::string form_name;
  std::string relationship;  // the contact's: "Mother", "Foster carer"
};

// What of one record reaches one pupil's family.
struct FamilyShareState {
  static constexpr const char* kWaiting = "waiting";    // for a reviewer
  static constexpr const char* kShared = "shared";      // the family sees it
  static constexpr const char* kWithheld = "withheld";  // a reviewer kept it in school
};

// Written with a record, one per pupil whose family it may reach.
struct NewFamilyShare {
  long long pupil_id = 0;
  std::string state;  // FamilyShareState
  std::string words;  // words for home; "" for none
  bool send_home = false;
};

// A record as one family sees it: their own child's part only.
struct FamilyRecord {
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string behaviour_class;
  std::string category;  // id in the record's policy version
  std::string category_name;
  std::string reward;  // reward id; "" for none
  std::string reward_name;
  std::string words;  // words for home
  Timestamp occurred_at{};
  std::string recorded_by;  // the adult's name
  std::string reply;        // this account's thank-you; "" for none
  long long policy_version_id = 0;
};

// A record waiting for a reviewer before it reaches a family.
struct FamilyReviewItem {
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string pupil_name;
  std::string behaviour_class;
  std::string category;
  std::string category_name;
  std::string words;
  Timestamp occurred_at{};
  std::string recorded_by;
  long long policy_version_id = 0;
};

// What of one record reaches one pupil's family, for staff on the record's
// page: the state, the words for home, and whether anyone can read it.
struct FamilyShareInfo {
  long long incident_id = 0;
  long long pupil_id = 0;
  std::string pupil_name;
  std::string state;  // FamilyShareState
  std::string words;
  bool send_home = false;
  std::optional<Timestamp> decided_at;
  std::string decided_by;  // the reviewer's name, or who withdrew it
  int families = 0;        // accounts linked to the pupil that can sign in
};

// One family's answer to a plan's request for their view.
struct FamilyViewAnswer {
  long long family_id = 0;
  std::string name;           // the family member's, as their account has it
  std::string fields = "{}";  // JSON: field id -> their words
  Timestamp at{};
};

// A plan's request for the family's view (the WAP's "Parental View"): the
// fields of one section the policy gives to the parent (view_of "parent").
// Open while the plan is active and staff have not closed it; each family
// account linked to the pupil answers for itself and sees only its own
// answer.
struct FamilyViewRequest {
  long long id = 0;
  long long school_id = 0;
  long long plan_id = 0;
  long long pupil_id = 0;
  std::string plan_type;  // the plan's type id in the policy
  std::string section_id;
  long long asked_by_staff_id = 0;
  std::string asked_by;  // filled by queries that join staff
  Timestamp asked_at{};
  std::optional<Timestamp> closed_at;
  bool open = true;  // not closed and the plan still active
  std::vector<FamilyViewAnswer> answers;
};

}  // namespace attune
