// Training staff hold that the school's policy relies on ([[training]] in
// the policy in force: Team Teach, CPI), recorded per member of staff by a
// senior leader or an administrator, and read back for physical
// interventions (services/incident_service.h).
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/training.h"
#include "services/policy_service.h"
#include "storage/store.h"

namespace attune {

struct TrainingRequest {
  long long staff_id = 0;
  std::string training;  // a [[training]] id of the policy in force
  std::optional<Date> taken_on;
  std::optional<Date> expires_on;
};

class TrainingService {
 public:
  TrainingService(Store& store, PolicyService& policies) : store_(store), policies_(policies) {}

  // REQUIRES: `by` may manage the policy (checked by the route). Invalid
  // (with the field) for a member of staff not in the school, training the
  // policy in force does not name, a date taken in the future, or an expiry
  // before it.
  Result<long long> Record(const Principal& by, const TrainingRequest& request,
                           const std::string& ip);
  // Everyone's (staff_id 0) or one member of staff's, newest first.
  Result<std::vector<StaffTraining>> List(const Principal& by, long long staff_id);

 private:
  Store& store_;
  PolicyService& policies_;
};

}  // namespace attune
