// Amends a pupil proposes after a rupture, in their own words (issue 11;
// seed 002: pupils "construct their own way of making amends"). The adult
// with the pupil writes them on the record; that completes the record's
// open `amends` actions for the pupil, which the policy may require.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "model/amends.h"
#include "model/principal.h"
#include "storage/store.h"

namespace attune {

struct AmendsRequest {
  long long incident_id = 0;
  long long pupil_id = 0;   // involved in the record
  std::string words;        // REQUIRED: the pupil's own words, up to 4,000 characters
  std::string agreed_with;  // optional, up to 200 characters
};

class AmendsService {
 public:
  explicit AmendsService(Store& store) : store_(store) {}

  // REQUIRES: `by` may record restorative work (checked by the route).
  // NotFound when the record does not exist or is restricted from `by`;
  // Invalid (with the field) for a pupil not involved, or words missing or
  // too long.
  Result<long long> Record(const Principal& by, const AmendsRequest& request,
                           const std::string& ip);
  // On a record `by` may read (NotFound otherwise), oldest first. A read of
  // a restricted record's amends is audited.
  Result<std::vector<Amends>> List(const Principal& by, long long incident_id,
                                   const std::string& ip);

 private:
  Store& store_;
};

}  // namespace attune
