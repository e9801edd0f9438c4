// Storage of policy versions.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/policy_version.h"

namespace attune {

class PolicyStore {
 public:
  virtual ~PolicyStore() = default;

  // Saves a draft with the next version number; fills id and version.
  virtual Result<PolicyVersion> CreatePolicyVersion(const PolicyVersion& draft,
                                                    long long staff_id) = 0;
  // Newest first; source_text left empty.
  virtual Result<std::vector<PolicyVersion>> ListPolicyVersions(long long school_id) = 0;
  // NotFound when no such version in the school.
  virtual Result<PolicyVersion> GetPolicyVersion(long long school_id, long long id) = 0;
  virtual Status ActivatePolicyVersion(long long school_id, long long id, Date from,
                                       long long staff_id) = 0;
  // The version in force on `day`: the latest active_from on or before it
  // (the newest version when two share a date), without source_text.
  // NotFound when none.
  virtual Result<PolicyVersion> PolicyInForce(long long school_id, Date day) = 0;
};

}  // namespace attune
