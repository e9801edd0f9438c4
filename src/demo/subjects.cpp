#include "demo/subjects.h"

#include <algorithm>

namespace attune::demo {

const std::vector<Subject>& Subjects() {
  static const std::vector<Subject> kSubjects = {
      {"Mathematics",
       "Ma",
       4,
       true,
       "Teacher of Mathematics",
       "Head of Mathematics",
       {"M1", "M2", "M3", "M4", "M5"},
       false},
      {"English",
       "En",
       4,
       true,
       "Teacher of English",
       "Head of English",
       {"E1", "E2", "E3", "E4", "E5"},
       false},
      {"Science",
       "Sc",
       4,
       true,
       "Teacher of Science",
       "Head of Science",
       {"S1", "S2", "S3", "S4", "S5"},
       true},
      {"History", "Hi", 2, false, "Teacher of History", "Head of History", {"H1", "H2"}, false},
      {"Geography",
       "Gg",
       2,
       false,
       "Teacher of Geography",
       "Head of Geography",
       {"G1", "G2"},
       false},
      {"French", "Fr", 2, true, "Teacher of French", "Head of Languages", {"L1", "L2"}, false},
      {"Physical education",
       "PE",
       2,
       false,
       "Teacher of PE",
       "Head of PE",
       {"PE hall", "Gym", "MUGA", "Field"},
       true},
      {"Art", "Ar", 1, false, "Teacher of Art", "Head of Art", {"A1", "A2"}, true},
      {"Computing",
       "Co",
       1,
       false,
       "Teacher of Computing",
       "Head of Computing",
       {"IT1", "IT2"},
       true},
      {"Religious education", "RE", 1, false, "Teacher of RE", "Head of RE", {"R1", "R2"}, false},
      {"Music", "Mu", 1, false, "Teacher of Music", "Head of Music", {"Music 1"}, true},
      {"Drama", "Dr", 1, false, "Teacher of Drama", "Head of Drama", {"D1"}, true},
  };
  return kSubjects;
}

std::vector<int> TeachersPerSubject(int teachers) {
  const auto& subjects = Subjects();
  int lessons = 0;
  for (const auto& s : subjects) lessons += s.lessons_per_week;
  std::vector<int> out(subjects.size(), 0);
  std::vector<std::pair<int, size_t>> remainders;  // (remainder, subject), largest first
  int given = 0;
  for (size_t i = 0; i < subjects.size(); ++i) {
    int share = teachers * subjects[i].lessons_per_week;
    out[i] = std::max(1, share / lessons);
    given += out[i];
    remainders.push_back({-(share % lessons), i});
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t k = 0; given < teachers; k = (k + 1) % remainders.size(), ++given) {
    ++out[remainders[k].second];
  }
  return out;
}

}  // namespace attune::demo
