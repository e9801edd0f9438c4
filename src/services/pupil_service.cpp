#include "services/pupil_service.h"

#include "services/audit.h"
#include "services/authorization.h"

namespace attune {

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

Result<std::vector<Pupil>> PupilService::Search(const Principal& by, const PupilSearch& search) {
  ATTUNE_RETURN_IF_ERROR(Validate(search));
  auto found = store_.SearchPupils(by.school_id, search.query, search.limit, search.offset);
  if (!found.ok()) return found.status();
  if (!RoleHas(by.role, Permission::kPupilsViewSensitive)) {
    for (auto& p : *found) RedactSensitive(p);
  }
  return found;
}

Result<long long> PupilService::Count(const Principal& by) {
  return store_.CountPupils(by.school_id);
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
    auto contacts = store_.ListContacts(by.school_id, pupil_id);
    if (!contacts.ok()) return contacts.status();
    page.contacts = std::move(*contacts);
  }
  if (page.show_sensitive) {
    Audit(store_, &by, "pupil.read_sensitive", "pupil", pupil_id, "pupil page", ip);
  } else {
    RedactSensitive(page.pupil);
  }
  return page;
}

}  // namespace attune
