#include "demo/school_size.h"

#include <algorithm>

namespace attune::demo {

namespace {
int CeilDiv(int a, int b) { return (a + b - 1) / b; }
constexpr int kYears = 5;
constexpr int kBands = 2 * kYears;
constexpr int kClassSize = 30;
}  // namespace

int PupilsInYear(int pupils, int year_group) {
  int index = year_group - 7;
  return pupils / kYears + (index < pupils % kYears ? 1 : 0);
}

int BandOfForm(int form_index_in_year, int forms_per_year) {
  return form_index_in_year < CeilDiv(forms_per_year, 2) ? 0 : 1;
}

SchoolSize PlanSchoolSize(int pupils) {
  SchoolSize size;
  size.pupils = pupils;
  int largest_year = PupilsInYear(pupils, 7);
  size.forms_per_year = std::max(4, CeilDiv(largest_year, kClassSize));
  // Pupils go round the forms in turn, so the x band is the larger one.
  int forms_x = CeilDiv(size.forms_per_year, 2);
  int largest_band = 0;
  for (int f = 0; f < forms_x; ++f) {
    largest_band += largest_year / size.forms_per_year + (f < largest_year % size.forms_per_year);
  }
  size.groups_per_band = std::max(1, CeilDiv(largest_band, kClassSize));
  // Every band has a lesson in every period, so this many lessons run at
  // once; teachers teach about 20 of the 25 periods.
  int concurrent = kBands * size.groups_per_band;
  size.teachers = std::max(26, CeilDiv(concurrent * 13, 10));
  size.classrooms = std::max(31, concurrent + 6);
  return size;
}

}  // namespace attune::demo
