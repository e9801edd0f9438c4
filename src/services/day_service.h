// "My day": what a member of staff's school day holds today, or, when today
// is not a school day, on the next one.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/principal.h"
#include "model/school.h"
#include "policy/school_time.h"
#include "storage/store.h"

namespace attune {

using policy::SchoolDayInfo;

struct MyDay {
  School school;
  Date today;
  std::string day_label;  // "Sunday 22 November 2026"
  SchoolDayInfo info;     // about today
  // The day whose lessons are listed: today on a school day, else the next
  // school day within 31 days ("" when none is found).
  std::string lessons_day_label;
  bool lessons_are_today = false;
  std::vector<TimetableLesson> lessons;
  int now_minutes = 0;  // London time, to mark the current lesson
};

class DayService {
 public:
  explicit DayService(Store& store) : store_(store) {}
  Result<MyDay> Today(const Principal& by, Timestamp now);

 private:
  Store& store_;
};

}  // namespace attune
