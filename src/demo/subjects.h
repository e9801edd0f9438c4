// The demo school's curriculum for Years 7–11: the subjects every pupil
// takes, how many lessons a week each has, and the rooms each department
// teaches in.
#pragma once

#include <string>
#include <vector>

namespace attune::demo {

struct Subject {
  std::string name;                // "Mathematics"
  std::string code;                // "Ma", as in the group name "8x/Ma1"
  int lessons_per_week;            // out of the 25 teaching periods a week
  bool setted;                     // groups are sets, not the band in form order
  std::string job_title;           // "Teacher of Mathematics"
  std::string head_title;          // "Head of Mathematics"
  std::vector<std::string> rooms;  // the department's places, by name
  bool specialist_rooms;           // labs, studios, halls: other subjects avoid them
};

// In the order teachers are allotted to them. The lessons add up to 25: five
// teaching periods on each of five days.
const std::vector<Subject>& Subjects();

// How many of `teachers` teach each subject, in proportion to the lessons
// the subject has; at least one each. Indexed like Subjects().
std::vector<int> TeachersPerSubject(int teachers);

}  // namespace attune::demo
