#include "services/pupil_service.h"

#include <algorithm>

#include "services/audit.h"
#include "services/authorization.h"
#include "services/text.h"

namespace attune {
namespace {

Status TooLong(const std::string& text, const std::string& field, const std::string& what) {
  if (text.size() <= kMaxProfileText) return Status::Ok();
  return Status::Invalid(
      what + " is too long: at most " + std::to_string(kMaxProfileText) + " characters", field);
}

// Trimmed, without blanks or repeats, in the order given.
Result<std::vector<std::string>> CleanPreferences(const std::vector<std::string>& given) {
  std::vector<std::string> out;
  for (const auto& item : given) {
    std::string line = Trim(item);
    if (line.empty() || std::find(out.begin(), out.end(), line) != out.end()) continue;
    if (line.size() > kMaxPreference) {
      return Status::Invalid("Each preference of the pupil's own: at most " +
                                 std::to_string(kMaxPreference) + " characters",
                             "communication");
    }
    out.push_back(std::move(line));
  }
  if (out.size() > kMaxPreferences) {
    return Status::Invalid(
        "At most " + std::to_string(kMaxPreferences) + " communication preferences",
        "communication");
  }
  return out;
}

}  // namespace

void RedactSensitive(Pupil& p) {
  p.ethnicity_code.clear();
  p.fsm = false;
  p.looked_after = false;
  p.ehcp = false;
}

Status PupilService::Validate(const PupilSearch& s) {
  if (s.query.size() > 100) return Status::Invalid("Search for at most 100 characters", "q");
  if (s.limit < 1 || s.limit > 100) {
    return Status::Invalid("limit must be between 1 and 100", "limit");
  }
  if (s.offset < 0) return Status::Invalid("offset cannot be negative", "offset");
  return Status::Ok();
}

Result<std::vector<Pupil>> PupilService::Search(const Principal& by, const PupilSearch& search,
                                                const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Validate(search));
  auto found = store_.SearchPupils(by.school_id, search.query, search.limit, search.offset);
  if (!found.ok()) return found.status();
  if (search.with_sensitive && RoleHas(by.role, Permission::kPupilsViewSensitive)) {
    std::vector<long long> ids;
    for (const auto& p : *found) ids.push_back(p.id);
    ATTUNE_RETURN_IF_ERROR(NoteSensitiveRead(store_, by, ids, ip));
  } else {
    for (auto& p : *found) RedactSensitive(p);
  }
  return found;
}

Result<long long> PupilService::Count(const Principal& by) {
  return store_.CountPupils(by.school_id);
}

namespace {

Status MayList(const Principal& by, const PupilFilter& f) {
  if (!RoleHas(by.role, Permission::kPupilsView)) {
    return Status::Forbidden("Your role does not read pupils' details");
  }
  if (f.query.size() > 100) return Status::Invalid("Search for at most 100 characters", "q");
  if (f.limit < 1 || f.limit > PupilService::kMaxListed) {
    return Status::Invalid(
        "limit must be between 1 and " + std::to_string(PupilService::kMaxListed), "limit");
  }
  if (f.offset < 0) return Status::Invalid("offset cannot be negative", "offset");
  return Status::Ok();
}

}  // namespace

Result<std::vector<Pupil>> PupilService::List(const Principal& by, const PupilFilter& filter) {
  ATTUNE_RETURN_IF_ERROR(MayList(by, filter));
  auto found = store_.ListPupils(by.school_id, filter);
  if (!found.ok()) return found.status();
  for (auto& p : *found) RedactSensitive(p);
  return found;
}

Result<long long> PupilService::Count(const Principal& by, const PupilFilter& filter) {
  ATTUNE_RETURN_IF_ERROR(MayList(by, filter));
  return store_.CountPupils(by.school_id, filter);
}

Result<std::pair<int, int>> PupilService::CountSen(const Principal& by) {
  return store_.CountSen(by.school_id);
}

Result<PupilPage> PupilService::Page(const Principal& by, long long pupil_id,
                                     const std::string& ip) {
  auto pupil = store_.GetPupil(by.school_id, pupil_id);
  if (!pupil.ok()) return pupil.status();
  auto profile = store_.GetProfile(by.school_id, pupil_id);
  if (!profile.ok()) return profile.status();
  PupilPage page;
  page.pupil = std::move(*pupil);
  page.profile = std::move(*profile);
  page.show_sensitive = RoleHas(by.role, Permission::kPupilsViewSensitive);
  page.show_contacts = RoleHas(by.role, Permission::kPupilsViewContacts);
  if (page.show_contacts) {
    auto contacts = Contacts(by, pupil_id);
    if (!contacts.ok()) return contacts.status();
    page.contacts = std::move(*contacts);
  }
  if (page.show_sensitive) {
    ATTUNE_RETURN_IF_ERROR(NoteSensitiveRead(store_, by, {pupil_id}, ip));
  } else {
    RedactSensitive(page.pupil);
  }
  return page;
}

Result<std::vector<Contact>> PupilService::Contacts(const Principal& by, long long pupil_id) {
  if (!RoleHas(by.role, Permission::kPupilsViewContacts)) {
    return Status::Forbidden("Your role does not show parents' and carers' details");
  }
  return store_.ListContacts(by.school_id, pupil_id);
}

Result<bool> PupilService::MayEditProfile(const Principal& by) {
  if (!RoleHas(by.role, Permission::kProfileEdit)) return false;
  auto loaded = policies_.InForce(by.school_id, LondonDate(Now()));
  if (!loaded.ok()) {
    if (loaded.status().code() == StatusCode::kNotFound) return true;
    return loaded.status();
  }
  const auto& editors = loaded->policy->profile.edited_by;
  return editors.empty() ||
         std::find(editors.begin(), editors.end(), RoleName(by.role)) != editors.end();
}

Result<PupilProfile> PupilService::SaveProfile(const Principal& by, PupilProfile profile,
                                               const std::string& ip) {
  auto may = MayEditProfile(by);
  if (!may.ok()) return may.status();
  if (!*may) {
    return Status::Forbidden(
        "Our policy gives the personal profile to other adults to write; your role can read it");
  }
  auto pupil = store_.GetPupil(by.school_id, profile.pupil_id);
  if (!pupil.ok()) return pupil.status();
  for (auto [text, field, what] :
       {std::tuple{&profile.what_helps, "what_helps", "What helps"},
        std::tuple{&profile.triggers, "triggers", "Triggers and worries"},
        std::tuple{&profile.strengths, "strengths", "Strengths"},
        std::tuple{&profile.pupil_voice, "pupil_voice", "In my own words"}}) {
    *text = Trim(*text);
    ATTUNE_RETURN_IF_ERROR(TooLong(*text, field, what));
  }
  auto preferences = CleanPreferences(profile.communication);
  if (!preferences.ok()) return preferences.status();
  profile.communication = std::move(*preferences);
  std::vector<std::string> own;
  for (const auto& part : profile.own_words) {
    if (std::find(ProfileParts().begin(), ProfileParts().end(), part) == ProfileParts().end()) {
      return Status::Invalid("\"" + part.substr(0, 40) +
                                 "\" is not a part of the profile; the parts in the pupil's own "
                                 "words are named communication, what_helps, triggers or strengths",
                             "own_words");
    }
    if (std::find(own.begin(), own.end(), part) == own.end()) own.push_back(part);
  }
  profile.own_words = std::move(own);
  if (profile.reviewed_with_pupil_on && LondonDate(Now()) < *profile.reviewed_with_pupil_on) {
    return Status::Invalid("The day the pupil went through the profile cannot be in the future",
                           "reviewed_with_pupil_on");
  }
  ATTUNE_RETURN_IF_ERROR(store_.SaveProfile(by.school_id, profile, by.staff_id));
  Audit(store_, &by, "pupil.profile_saved", "pupil", profile.pupil_id, "", ip);
  return store_.GetProfile(by.school_id, profile.pupil_id);
}

}  // namespace attune
