#include "services/profile_review_service.h"

namespace attune {
namespace {

// The school day `n` school days after `day`.
std::optional<Date> SchoolDaysAfter(const policy::SchoolTime& time, Date day, int n) {
  std::optional<Date> cursor = day;
  for (int i = 0; i < n && cursor; ++i) cursor = time.NextSchoolDay(*cursor);
  return cursor;
}

}  // namespace

Result<std::optional<Date>> ProfileReviewService::DueOn(long long school_id,
                                                        std::optional<Date> last_saved,
                                                        Date today) {
  auto loaded = policies_.InForce(school_id, today);
  if (!loaded.ok()) {
    if (loaded.status().code() == StatusCode::kNotFound) return std::optional<Date>();
    return loaded.status();
  }
  auto every = loaded->policy->profile.review_every_school_days;
  if (!every) return std::optional<Date>();
  if (!last_saved) return std::optional<Date>(today);
  auto time = clock_.For(school_id);
  if (!time.ok()) return time.status();
  // Beyond the calendar the school has entered, it is due on the last day known.
  return std::optional<Date>(SchoolDaysAfter(**time, *last_saved, *every).value_or(today));
}

Result<std::vector<ProfileReview>> ProfileReviewService::Due(const Principal& by, Date today) {
  std::vector<ProfileReview> out;
  auto saves = store_.ListProfileSaves(by.school_id);
  if (!saves.ok()) return saves.status();
  for (const auto& s : *saves) {
    std::optional<Date> last;
    if (s.updated_at) last = LondonDate(*s.updated_at);
    auto due = DueOn(by.school_id, last, today);
    if (!due.ok()) return due.status();
    if (!*due) return out;  // no review cycle
    if (today < **due) continue;
    out.push_back({s.pupil_id, s.name, s.form_name, last, **due});
  }
  return out;
}

}  // namespace attune
