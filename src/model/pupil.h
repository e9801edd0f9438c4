// A pupil, their personal profile and their contacts.
//
// Fields marked "special category" are only shown to roles holding
// Permission::kPupilsViewSensitive, and every read of them is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace attune {

// SEN status as in the school census: N no special educational need,
// K SEN support, E education, health and care plan.
enum class SenStatus { kNone, kSupport, kEhcp };
const char* SenCode(SenStatus s);   // "N", "K", "E"
const char* SenLabel(SenStatus s);  // "No SEN", "SEN support", "EHC plan"
bool ParseSenCode(std::string_view code, SenStatus& out);

// The DfE check letter of a UPN's last 12 characters: each weighted by its
// place (2 to 13), a letter (the 13th of a temporary UPN) counting as its
// place in the check alphabet, the sum mod 23 into that alphabet
// ("ABCDEFGHJKLMNPQRTUVWXYZ"). REQUIRES: digits, the last maybe a letter
// of that alphabet.
char UpnCheckLetter(std::string_view last_twelve);
// Whether `upn` is a unique pupil number as the DfE issues it: 13
// characters, a check letter, 11 digits, then a digit (or a letter, for a
// temporary UPN), the check letter agreeing with the rest. Invalid saying
// which of these fails, in words for the school office.
Status CheckUpn(std::string_view upn);

// The columns a pupil's equity groups are read from (SEN, free school
// meals, looked after, sex, ethnicity), as insight counts pupils by them
// (services/insight_service.h, GroupsOf).
struct PupilGroupFields {
  std::string sex, sen_status, ethnicity_code;
  bool ehcp = false, fsm = false, looked_after = false;
};

struct Pupil {
  long long id = 0;
  long long school_id = 0;
  std::string upn;  // unique pupil number, 13 characters
  std::string first_name;
  std::string last_name;
  std::string preferred_name;  // may be empty
  Date date_of_birth;
  int year_group = 0;  // 0 reception ... 13
  long long form_id = 0;
  std::string form_name;  // filled by queries that join forms
  std::string sex;        // "F", "M" as in the census
  SenStatus sen = SenStatus::kNone;
  // Special category:
  std::string ethnicity_code;  // DfE main code, e.g. "WBRI", "BCRB", "REFU"
  bool ehcp = false;
  bool fsm = false;
  bool looked_after = false;
  long long key_adult_staff_id = 0;  // 0 when none
  std::string key_adult_name;        // filled by queries that join staff
  // The day the pupil left the school, as the MIS import found it
  // (decision 0032); none while on roll. A pupil who has left keeps every
  // record, and is out of lists and searches.
  std::optional<Date> left_on;

  // The name the pupil goes by: the preferred name when there is one.
  const std::string& ShownFirstName() const {
    return preferred_name.empty() ? first_name : preferred_name;
  }
  std::string DisplayName() const { return ShownFirstName() + " " + last_name; }
};

// Written with the pupil (seed 002: "a checklist regarding preferring
// communication strategies and a 'personal profile'").
struct PupilProfile {
  long long pupil_id = 0;
  std::vector<std::string> communication;  // ticked communication preferences
  std::string what_helps;
  std::string triggers;
  std::string strengths;
  std::string pupil_voice;  // in the pupil's own words
  // The parts above in the pupil's own words (of ProfileParts()); the
  // others are written by staff. pupil_voice always is.
  std::vector<std::string> own_words;
  // The day the pupil last went through the profile with an adult, apart
  // from the last save (staff may save without the pupil); none: never.
  // A save that does not set it keeps the day before.
  std::optional<Date> reviewed_with_pupil_on;
  std::string reviewed_by;  // staff name
  Timestamp updated_at{};
  std::string updated_by;  // staff name

  bool InOwnWords(const std::string& part) const;
};

// The parts of a profile that may be in the pupil's own words or written by
// staff: "communication", "what_helps", "triggers", "strengths".
const std::vector<std::string>& ProfileParts();

// When a pupil's profile was last saved and last gone through with the
// pupil (for its review cycle).
struct ProfileSaved {
  long long pupil_id = 0;
  std::string name;  // as DisplayName()
  std::string form_name;
  std::optional<Timestamp> updated_at;         // none: never written
  std::optional<Date> reviewed_with_pupil_on;  // none: never with the pupil
};

// The communication preferences checklist a pupil ticks with an adult
// (seed 002); anything else goes in free text.
const std::vector<std::string>& CommunicationPreferences();

struct Contact {
  long long id = 0;
  long long pupil_id = 0;
  std::string name;
  std::string relationship;  // "Mother", "Foster carer", "Grandfather"
  std::string phone;
  std::string email;
  bool parental_responsibility = true;
  int priority = 1;                 // 1 is called first
  long long family_account_id = 0;  // the family account it signs in as; 0 for none
};

}  // namespace attune
