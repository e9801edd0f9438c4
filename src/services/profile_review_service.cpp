#include "services/profile_review_service.h"

namespace attune {
namespace {

// The school day `n` school days after `day`; beyond the calendar the
// school has entered, `fallback`.
Date SchoolDaysAfter(const policy::SchoolTime& time, Date day, int n, Date fallback) {
  std::optional<Date> cursor = day;
  for (int i = 0; i < n && cursor; ++i) cursor = time.NextSchoolDay(*cursor);
  return cursor.value_or(fallback);
}

}  // namespace

Result<std::optional<int>> ProfileReviewService::Cycle(long long school_id, Date today) {
  auto loaded = policies_.InForce(school_id, today);
  if (!loaded.ok()) {
    if (loaded.status().code() == StatusCode::kNotFound) return std::optional<int>();
    return loaded.status();
  }
  return loaded->policy->profile.review_every_school_days;
}

Result<std::optional<Date>> ProfileReviewService::DueOn(long long school_id,
                                                        std::optional<Date> last_reviewed,
                                                        Date today) {
  auto every = Cycle(school_id, today);
  if (!every.ok()) return every.status();
  if (!*every) return std::optional<Date>();
  if (!last_reviewed) return std::optional<Date>(today);
  auto time = clock_.For(school_id);
  if (!time.ok()) return time.status();
  return std::optional<Date>(SchoolDaysAfter(**time, *last_reviewed, **every, today));
}

Result<std::vector<ProfileReview>> ProfileReviewService::Due(const Principal& by, Date today) {
  std::vector<ProfileReview> out;
  auto every = Cycle(by.school_id, today);
  if (!every.ok()) return every.status();
  if (!*every) return out;  // the policy sets no review cycle
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  auto saves = store_.ListProfileSaves(by.school_id);
  if (!saves.ok()) return saves.status();
  for (const auto& s : *saves) {
    std::optional<Date> saved;
    if (s.updated_at) saved = LondonDate(*s.updated_at);
    // The cycle counts the days the pupil went through it (decision 0028).
    const std::optional<Date>& last = s.reviewed_with_pupil_on;
    Date due = last ? SchoolDaysAfter(**time, *last, **every, today) : today;
    if (today < due) continue;
    out.push_back({s.pupil_id, s.name, s.form_name, saved, last, due});
  }
  return out;
}

}  // namespace attune
