// Storage of the amends pupils propose, in their own words.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/amends.h"

namespace attune {

class AmendsStore {
 public:
  virtual ~AmendsStore() = default;
  virtual Result<long long> CreateAmends(const Amends& amends) = 0;
  // On one record, oldest first.
  virtual Result<std::vector<Amends>> ListAmends(long long school_id, long long incident_id) = 0;
};

}  // namespace attune
