// The personal profile's review cycle, for every pupil and not only after
// an incident: the school's policy says how many school days a profile
// stays current ([profile] review_every_school_days), counted from the day
// the pupil last went through it with an adult, not from the last save
// (decision 0028: a profile is the pupil's; staff may update it alone, but
// it is current only as far as the pupil has seen it); a profile never
// gone through with the pupil is due at once.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/principal.h"
#include "model/pupil.h"
#include "services/policy_service.h"
#include "services/school_clock.h"
#include "storage/store.h"

namespace attune {

struct ProfileReview {
  long long pupil_id = 0;
  std::string name;
  std::string form_name;
  std::optional<Date> last_saved;     // none: never written
  std::optional<Date> last_reviewed;  // with the pupil; none: never
  Date due;                           // the day it was due; today when never reviewed
};

class ProfileReviewService {
 public:
  ProfileReviewService(Store& store, PolicyService& policies, SchoolClock& clock)
      : store_(store), policies_(policies), clock_(clock) {}

  // The school day a profile last gone through with the pupil on
  // `last_reviewed` is due for review under the policy in force on
  // `today`: `today` when never; nullopt when the policy sets no review
  // cycle (or none is in force).
  Result<std::optional<Date>> DueOn(long long school_id, std::optional<Date> last_reviewed,
                                    Date today);
  // Every pupil whose profile is due for review on `today`, longest overdue
  // first; empty when the policy sets no review cycle.
  Result<std::vector<ProfileReview>> Due(const Principal& by, Date today);

 private:
  // The policy's review_every_school_days on `today`; none without a cycle.
  Result<std::optional<int>> Cycle(long long school_id, Date today);

  Store& store_;
  PolicyService& policies_;
  SchoolClock& clock_;
};

}  // namespace attune
