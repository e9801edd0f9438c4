// Storage of classes' seating plans: one plan per teaching group.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/seating.h"

namespace attune {

class SeatingStore {
 public:
  virtual ~SeatingStore() = default;
  // The seats of teaching group `group_id`, by row then seat; empty when
  // no plan has been set.
  virtual Result<std::vector<Seat>> SeatingPlan(long long school_id, long long group_id) = 0;
  // Replaces the group's plan with `seats` (an empty list clears it), as
  // one transaction. REQUIRES: seats already checked (services/seating.h).
  virtual Status SaveSeatingPlan(long long school_id, long long group_id,
                                 const std::vector<Seat>& seats, long long staff_id) = 0;
};

}  // namespace attune
