#include "services/training_service.h"

#include "services/audit.h"

namespace attune {

Result<long long> TrainingService::Record(const Principal& by, const TrainingRequest& r,
                                          const std::string& ip) {
  auto staff = store_.GetStaff(by.school_id, r.staff_id);
  if (!staff.ok()) {
    if (staff.status().code() != StatusCode::kNotFound) return staff.status();
    return Status::Invalid("Choose a member of staff of the school", "staff_id");
  }
  Date today = LondonDate(Now());
  auto loaded = policies_.InForce(by.school_id, today);
  if (!loaded.ok()) {
    if (loaded.status().code() != StatusCode::kNotFound) return loaded.status();
    return Status::Invalid("The school has no policy in force, so no training it relies on",
                           "training");
  }
  const policy::Policy& policy = *loaded->policy;
  if (!policy.FindTraining(r.training)) {
    std::string names;
    for (size_t k = 0; k < policy.training.size(); ++k) {
      names += (k == 0 ? "" : ", ") + policy.training[k].name;
    }
    return Status::Invalid(names.empty() ? "Our policy names no training to record"
                                         : "Choose training our policy relies on: " + names,
                           "training");
  }
  if (!r.taken_on) return Status::Invalid("Give the date the training was taken", "taken_on");
  if (today < *r.taken_on) {
    return Status::Invalid("The date taken is still to come; give the date it was taken",
                           "taken_on");
  }
  if (r.expires_on && *r.expires_on < *r.taken_on) {
    return Status::Invalid("The training cannot expire before it was taken", "expires_on");
  }
  StaffTraining t;
  t.school_id = by.school_id;
  t.staff_id = r.staff_id;
  t.training = r.training;
  t.taken_on = *r.taken_on;
  t.expires_on = r.expires_on;
  t.recorded_by_staff_id = by.staff_id;
  t.recorded_at = Now();
  auto id = store_.AddStaffTraining(t);
  if (!id.ok()) return id.status();
  Audit(store_, &by, "staff.training_recorded", "staff", r.staff_id, r.training, ip);
  return *id;
}

Result<std::vector<StaffTraining>> TrainingService::List(const Principal& by, long long staff_id) {
  return store_.ListStaffTraining(by.school_id, staff_id);
}

}  // namespace attune
