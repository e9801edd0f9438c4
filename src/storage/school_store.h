// Storage of schools and everything that shapes a school day: calendar,
// periods, places, forms, teaching groups and the timetable.
//
// Thread-safety: implementations are safe to call from many threads.
#pragma once

#include <vector>

#include "core/status.h"
#include "model/school.h"

namespace attune {

// One lesson in a member of staff's day, as the timetable has it.
struct TimetableLesson {
  long long period_id = 0;
  std::string period_name;
  int starts_at = 0;
  int ends_at = 0;
  long long group_id = 0;
  std::string group_name;
  std::string subject;
  long long place_id = 0;
  std::string place_name;
};

class SchoolStore {
 public:
  virtual ~SchoolStore() = default;

  virtual Result<long long> CreateSchool(const School& school) = 0;
  // NotFound when there is no such school.
  virtual Result<School> GetSchool(long long id) = 0;
  virtual Result<std::vector<School>> ListSchools() = 0;

  virtual Result<long long> AddCalendarEntry(const CalendarEntry& entry) = 0;
  virtual Result<std::vector<CalendarEntry>> ListCalendar(long long school_id) = 0;

  virtual Result<long long> AddPeriod(const Period& period) = 0;
  // In order of the day.
  virtual Result<std::vector<Period>> ListPeriods(long long school_id) = 0;

  virtual Result<long long> AddPlace(const Place& place) = 0;
  virtual Result<std::vector<Place>> ListPlaces(long long school_id) = 0;

  virtual Result<long long> AddForm(const Form& form) = 0;
  virtual Result<std::vector<Form>> ListForms(long long school_id) = 0;

  virtual Result<long long> AddTeachingGroup(const TeachingGroup& group) = 0;
  // NotFound when the school has no such teaching group.
  virtual Result<TeachingGroup> GetTeachingGroup(long long school_id, long long id) = 0;
  virtual Status AddGroupMember(long long group_id, long long pupil_id) = 0;
  virtual Result<long long> AddTimetableSlot(const TimetableSlot& slot) = 0;
  // The lessons `staff_id` teaches on `weekday` (1 Monday ... 7 Sunday), in order.
  virtual Result<std::vector<TimetableLesson>> LessonsFor(long long school_id, long long staff_id,
                                                          int weekday) = 0;
};

}  // namespace attune
