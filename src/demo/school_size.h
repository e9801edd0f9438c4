// How big each part of a demo school is for a given roll: forms, teaching
// groups, teachers and classrooms grow with the number of pupils.
#pragma once

namespace attune::demo {

struct SchoolSize {
  int pupils = 0;           // on roll, Years 7–11
  int forms_per_year = 4;   // at least 4, about 30 pupils each
  int groups_per_band = 1;  // teaching groups per subject in each half-year band
  int teachers = 26;        // at least 26, enough for every lesson with some free periods
  int classrooms = 31;      // at least the 31 department rooms, one per concurrent lesson
};

// REQUIRES: pupils >= 0.
SchoolSize PlanSchoolSize(int pupils);

// Pupils in Year `year_group` (7..11) of a roll of `pupils`, spread evenly.
int PupilsInYear(int pupils, int year_group);

// A year's forms are split into two bands for blocking the timetable: the
// first half ("x") and the second half ("y"). Returns 0 for x, 1 for y.
int BandOfForm(int form_index_in_year, int forms_per_year);

}  // namespace attune::demo
