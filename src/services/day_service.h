// "My day": what a member of staff's school day holds today.
//
// Thread-safety: safe to share between request threads.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/principal.h"
#include "model/school.h"
#include "storage/store.h"

namespace attune {

struct MyDay {
  School school;
  Date today;
  std::string day_label;  // "Monday 23 November 2026"
  std::string term_name;  // "Autumn 2" or "" outside term
  bool school_day = false;
  std::string closed_reason;  // "Weekend", "INSET day", "Half-term holiday"
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
