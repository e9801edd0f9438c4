// The school's behaviour policy in the app: versions uploaded by leaders,
// checked in place, compared with the version in force, and activated from a
// date. Every record keeps the version in force when it was made.
//
// Thread-safety: safe to share between request threads; parsed versions are
// cached (immutable) by id.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/policy_version.h"
#include "model/principal.h"
#include "policy/diff.h"
#include "policy/loader.h"
#include "storage/store.h"

namespace attune {

struct PolicyUpload {
  std::optional<PolicyVersion> saved;           // set when the text was valid
  std::vector<policy::Diagnostic> diagnostics;  // errors (nothing saved) or warnings
};

struct LoadedPolicy {
  PolicyVersion version;  // without source_text
  std::shared_ptr<const policy::Policy> policy;
  std::vector<policy::Diagnostic> warnings;  // the checker's, filled by Version()
};

class PolicyService {
 public:
  explicit PolicyService(Store& store) : store_(store) {}

  // Checks `text`; saves it as a draft only when it has no errors.
  // Invalid when the text is empty or over 1 MB.
  Result<PolicyUpload> Upload(const Principal& by, const std::string& text, const std::string& note,
                              const std::string& ip);
  // Saves a shipped policy (policies/<name>) active from `from`, without a
  // principal (demo school, first set-up).
  Result<PolicyVersion> InstallShipped(long long school_id, const std::string& name, Date from);

  Result<std::vector<PolicyVersion>> List(const Principal& by);
  // The version in force on `day`. NotFound when the school has none yet.
  Result<LoadedPolicy> InForce(long long school_id, Date day);
  Result<LoadedPolicy> Version(const Principal& by, long long id);
  // Version `id` of the school's policy, parsed (cached), without the
  // checker's warnings: the words a record was made under.
  Result<LoadedPolicy> ById(long long school_id, long long id);
  // Every category id of any version of the school's policy, with the name
  // the newest version gives it: what a record may have been made under.
  Result<std::map<std::string, std::string>> CategoryNames(const Principal& by);
  // Changes from the version in force today (or from nothing) to version `id`.
  Result<std::vector<policy::PolicyChange>> ChangesIn(const Principal& by, long long id);
  // `from` as YYYY-MM-DD, today or later. Invalid (field "active_from") otherwise.
  Status Activate(const Principal& by, long long id, const std::string& from,
                  const std::string& ip);

 private:
  Result<std::shared_ptr<const policy::Policy>> Parse(const PolicyVersion& v);
  std::shared_ptr<const policy::Policy> Cached(long long id);  // null when not parsed yet

  Store& store_;
  std::mutex mu_;
  std::map<long long, std::shared_ptr<const policy::Policy>> cache_;  // guarded by mu_
};

}  // namespace attune
