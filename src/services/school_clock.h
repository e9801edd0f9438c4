// Each school's SchoolTime (calendar and periods), built once and shared.
//
// Thread-safety: safe to share between request threads. A school's time is
// rebuilt after `ttl` so calendar changes are seen. Default ttl: 5 minutes.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>

#include "core/status.h"
#include "policy/school_time.h"
#include "storage/store.h"

namespace attune {

class SchoolClock {
 public:
  explicit SchoolClock(Store& store, std::chrono::seconds ttl = std::chrono::minutes(5))
      : store_(store), ttl_(ttl) {}

  Result<std::shared_ptr<const policy::SchoolTime>> For(long long school_id);

 private:
  struct Entry {
    std::shared_ptr<const policy::SchoolTime> time;
    std::chrono::steady_clock::time_point built;
  };
  Store& store_;
  std::chrono::seconds ttl_;
  std::mutex mu_;
  std::map<long long, Entry> cache_;  // guarded by mu_
};

}  // namespace attune
