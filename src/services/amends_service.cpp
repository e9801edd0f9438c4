#include "services/amends_service.h"

#include <algorithm>

#include "services/action_service.h"
#include "services/audit.h"
#include "services/incident_service.h"
#include "services/text.h"

namespace attune {

Result<long long> AmendsService::Record(const Principal& by, const AmendsRequest& r,
                                        const std::string& ip) {
  auto incident = store_.GetIncident(by.school_id, r.incident_id);
  if (!incident.ok()) return incident.status();
  if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such record");
  bool involved = std::any_of(
      incident->pupils.begin(), incident->pupils.end(),
      [&](const IncidentPupil& p) { return p.pupil_id == r.pupil_id && p.role == "involved"; });
  if (!involved) {
    return Status::Invalid("Choose a pupil who was involved in this record", "pupil_id");
  }
  std::string words = Trim(r.words);
  if (words.empty()) {
    return Status::Invalid("Write the amends the pupil proposes, in their own words", "words");
  }
  if (words.size() > kMaxNote) {
    return Status::Invalid("The pupil's words are too long: at most 4,000 characters", "words");
  }
  std::string agreed = Trim(r.agreed_with);
  if (agreed.size() > 200) {
    return Status::Invalid("Who agreed them: at most 200 characters", "agreed_with");
  }
  Amends a;
  a.school_id = by.school_id;
  a.incident_id = r.incident_id;
  a.pupil_id = r.pupil_id;
  a.words = words;
  a.agreed_with = agreed;
  a.recorded_by_staff_id = by.staff_id;
  a.recorded_at = Now();
  auto id = store_.CreateAmends(a);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "amends.record", "incident", r.incident_id, "", ip);
  ATTUNE_RETURN_IF_ERROR(CompleteOpenActions(store_, by, r.incident_id, r.pupil_id, {"amends"},
                                             "Amends recorded in the pupil's words",
                                             a.recorded_at));
  ATTUNE_RETURN_IF_ERROR(CloseIfSettled(store_, by.school_id, r.incident_id, a.recorded_at));
  return *id;
}

Result<std::vector<Amends>> AmendsService::List(const Principal& by, long long incident_id,
                                                const std::string& ip) {
  auto incident = store_.GetIncident(by.school_id, incident_id);
  if (!incident.ok()) return incident.status();
  if (!IncidentService::MayRead(by, *incident)) return Status::NotFound("No such record");
  if (incident->restricted) {
    Audit(store_, &by, "incident.read_restricted", "incident", incident_id, "amends", ip);
  }
  return store_.ListAmends(by.school_id, incident_id);
}

}  // namespace attune
