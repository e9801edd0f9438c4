#include "policy/deadline.h"

#include <charconv>

#include "core/time.h"

namespace attune::policy {
namespace {

const char* kForms =
    "before_next_lesson, same_day HH:MM, next_school_day HH:MM, within N school_days, or "
    "school_day_before HH:MM";

}  // namespace

Result<Deadline> Deadline::Parse(std::string_view text) {
  auto fail = [&] {
    return Status::Invalid("found \"" + std::string(text) + "\", expected " + kForms);
  };
  if (text == "before_next_lesson") return Deadline{kBeforeNextLesson, 0, 0};
  auto with_time = [&](std::string_view prefix, Kind kind) -> std::optional<Result<Deadline>> {
    if (text.rfind(prefix, 0) != 0) return std::nullopt;
    auto minutes = ParseTimeOfDay(text.substr(prefix.size()));
    if (!minutes.ok()) return Result<Deadline>(fail());
    return Result<Deadline>(Deadline{kind, *minutes, 0});
  };
  if (auto d = with_time("same_day ", kSameDay)) return *d;
  if (auto d = with_time("next_school_day ", kNextSchoolDay)) return *d;
  if (auto d = with_time("school_day_before ", kSchoolDayBefore)) return *d;
  const std::string_view within = "within ", unit = " school_days";
  if (text.rfind(within, 0) == 0 && text.size() > within.size() + unit.size() &&
      text.substr(text.size() - unit.size()) == unit) {
    std::string_view number = text.substr(within.size(), text.size() - within.size() - unit.size());
    int days = 0;
    auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), days);
    if (ec == std::errc() && ptr == number.data() + number.size() && days >= 1 && days <= 60) {
      return Deadline{kWithinSchoolDays, 0, days};
    }
  }
  return fail();
}

std::string Deadline::ToString() const {
  switch (kind) {
    case kBeforeNextLesson:
      return "before_next_lesson";
    case kSameDay:
      return "same_day " + FormatTimeOfDay(minutes);
    case kNextSchoolDay:
      return "next_school_day " + FormatTimeOfDay(minutes);
    case kWithinSchoolDays:
      return "within " + std::to_string(days) + " school_days";
    case kSchoolDayBefore:
      return "school_day_before " + FormatTimeOfDay(minutes);
  }
  return "";
}

std::string Deadline::Describe() const {
  switch (kind) {
    case kBeforeNextLesson:
      return "before the next lesson";
    case kSameDay:
      return "the same day, by " + FormatTimeOfDay(minutes);
    case kNextSchoolDay:
      return "by " + FormatTimeOfDay(minutes) + " on the next school day";
    case kWithinSchoolDays:
      return days == 1 ? "within one school day"
                       : "within " + std::to_string(days) + " school days";
    case kSchoolDayBefore:
      return "by " + FormatTimeOfDay(minutes) + " on the school day before";
  }
  return "";
}

}  // namespace attune::policy
