#include "services/school_clock.h"

namespace attune {

Result<std::shared_ptr<const policy::SchoolTime>> SchoolClock::For(long long school_id) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(school_id);
    if (it != cache_.end() && now - it->second.built < ttl_) return it->second.time;
  }
  auto calendar = store_.ListCalendar(school_id);
  if (!calendar.ok()) return calendar.status();
  auto periods = store_.ListPeriods(school_id);
  if (!periods.ok()) return periods.status();
  auto time = std::make_shared<const policy::SchoolTime>(std::move(*calendar), std::move(*periods));
  std::lock_guard<std::mutex> lock(mu_);
  cache_[school_id] = {time, now};
  return std::shared_ptr<const policy::SchoolTime>(time);
}

}  // namespace attune
