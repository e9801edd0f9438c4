#include "policy/school_time.h"

#include <algorithm>

namespace attune::policy {
namespace {

int MinutesOfDay(Timestamp t) {
  long long local = ToUnix(t) + LondonOffset(t).count();
  return static_cast<int>(((local % 86400) + 86400) % 86400 / 60);
}

Date AddDays(Date d, int n) { return Date{date::sys_days(d) + date::days(n)}; }

}  // namespace

SchoolTime::SchoolTime(std::vector<CalendarEntry> calendar, std::vector<Period> periods)
    : calendar_(std::move(calendar)) {
  for (const auto& p : periods) {
    if (p.teaching) teaching_.push_back(p);
  }
  std::sort(teaching_.begin(), teaching_.end(),
            [](const Period& a, const Period& b) { return a.starts_at < b.starts_at; });
  if (!teaching_.empty()) end_of_day_ = teaching_.back().ends_at;
}

SchoolDayInfo SchoolTime::Describe(Date day) const {
  SchoolDayInfo info;
  bool in_term = false;
  for (const auto& e : calendar_) {
    if (day < e.starts_on || e.ends_on < day) continue;
    if (e.kind == "half_term") {
      in_term = true;
      info.term_name = e.name;
    } else if (e.kind == "inset") {
      info.closed_reason = "INSET day";
    } else if (e.kind == "holiday") {
      info.closed_reason = e.name;
    }
  }
  if (IsoWeekday(day) > 5) info.closed_reason = "Weekend";
  if (!in_term && info.closed_reason.empty()) info.closed_reason = "School holiday";
  info.school_day = info.closed_reason.empty();
  return info;
}

std::vector<bool> SchoolTime::SchoolDaysBetween(Date from, Date to) const {
  if (to < from) return {};
  const date::sys_days first(from);
  const long long n = (date::sys_days(to) - first).count() + 1;
  std::vector<char> term(static_cast<size_t>(n), 0), closed(static_cast<size_t>(n), 0);
  for (const auto& e : calendar_) {
    if (e.ends_on < from || to < e.starts_on) continue;
    char* mark = e.kind == "half_term"                        ? term.data()
                 : (e.kind == "inset" || e.kind == "holiday") ? closed.data()
                                                              : nullptr;
    if (!mark) continue;
    long long a = std::max<long long>(0, (date::sys_days(e.starts_on) - first).count());
    long long b = std::min<long long>(n - 1, (date::sys_days(e.ends_on) - first).count());
    for (long long i = a; i <= b; ++i) mark[i] = 1;
  }
  std::vector<bool> out(static_cast<size_t>(n));
  int weekday = IsoWeekday(from);  // Monday 1
  for (long long i = 0; i < n; ++i) {
    out[static_cast<size_t>(i)] =
        term[static_cast<size_t>(i)] && !closed[static_cast<size_t>(i)] && weekday <= 5;
    weekday = weekday % 7 + 1;
  }
  return out;
}

std::optional<Date> SchoolTime::NextSchoolDay(Date day) const {
  for (int i = 1; i <= 366; ++i) {
    Date d = AddDays(day, i);
    if (IsSchoolDay(d)) return d;
  }
  return std::nullopt;
}

std::optional<Date> SchoolTime::PreviousSchoolDay(Date day) const {
  for (int i = 1; i <= 366; ++i) {
    Date d = AddDays(day, -i);
    if (IsSchoolDay(d)) return d;
  }
  return std::nullopt;
}

const Period* SchoolTime::PeriodAt(Timestamp t) const {
  int minutes = MinutesOfDay(t);
  const Period* found = nullptr;
  for (const auto& p : teaching_) {
    if (p.starts_at <= minutes) found = &p;
  }
  return found;
}

const CalendarEntry* SchoolTime::EntryContaining(Date day, const std::string& kind) const {
  for (const auto& e : calendar_) {
    if (e.kind == kind && !(day < e.starts_on) && !(e.ends_on < day)) return &e;
  }
  return nullptr;
}

std::optional<Timestamp> SchoolTime::DueAt(const Deadline& d, Timestamp from,
                                           std::optional<Date> about) const {
  Date day = LondonDate(from);
  int now = MinutesOfDay(from);
  switch (d.kind) {
    case Deadline::kBeforeNextLesson: {
      if (IsSchoolDay(day)) {
        for (const auto& p : teaching_) {
          if (p.starts_at > now) return LondonInstant(day, p.starts_at);
        }
      }
      auto next = NextSchoolDay(day);
      if (!next) return std::nullopt;
      return LondonInstant(*next, teaching_.empty() ? 9 * 60 : teaching_.front().starts_at);
    }
    case Deadline::kSameDay: {
      if (IsSchoolDay(day) && now < d.minutes) return LondonInstant(day, d.minutes);
      auto next = NextSchoolDay(day);
      if (!next) return std::nullopt;
      return LondonInstant(*next, d.minutes);
    }
    case Deadline::kNextSchoolDay: {
      auto next = NextSchoolDay(day);
      if (!next) return std::nullopt;
      return LondonInstant(*next, d.minutes);
    }
    case Deadline::kWithinSchoolDays: {
      std::optional<Date> cursor = day;
      for (int i = 0; i < d.days && cursor; ++i) cursor = NextSchoolDay(*cursor);
      if (!cursor) return std::nullopt;
      return LondonInstant(*cursor, end_of_day_);
    }
    case Deadline::kSchoolDayBefore: {
      if (!about) return std::nullopt;
      auto before = PreviousSchoolDay(*about);
      if (!before) return std::nullopt;
      return LondonInstant(*before, d.minutes);
    }
  }
  return std::nullopt;
}

}  // namespace attune::policy
