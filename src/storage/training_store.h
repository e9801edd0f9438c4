// Storage of the training staff hold that the school's policy relies on.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/training.h"

namespace attune {

class TrainingStore {
 public:
  virtual ~TrainingStore() = default;
  virtual Result<long long> AddStaffTraining(const StaffTraining& training) = 0;
  // Of one member of staff (or every member when staff_id is 0), newest
  // taken first.
  virtual Result<std::vector<StaffTraining>> ListStaffTraining(long long school_id,
                                                               long long staff_id) = 0;
};

}  // namespace attune
