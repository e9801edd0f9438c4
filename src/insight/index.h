// attune's insight engine (issue 14): an in-memory, columnar index of
// records, one row per involved pupil of each record (as SWIS counts a
// referral per student), kept by school, answering the SWIS "Big 5" and the
// weekday × hour heatmap in one fused pass over the columns.
//
// Each row is a handful of small integers: the school day (days since
// 2000-01-01), its weekday × hour in London time (one "slot", so the
// heatmap and the hours are one counter), and dictionary codes
// for category, place and member of staff; the pupil's id, year group,
// behaviour class and whether the record is restricted. Text lives once, in
// the dictionaries. A query compiles its filter once (sets become bit
// tests) and scans only the schools it asks about, in parallel when there
// are many rows.
//
// The SQL store stays the record of truth: tests ask SQLite the same
// questions on the same rows and expect the same answers
// (tests/unit/insight_index_test.cpp).
//
// Thread-safety: Add and Query may be called from many threads; a query
// sees every row added before it began.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/time.h"

namespace attune::insight {

// Pupil groups, as bits of Row::groups (the equity groups of issue 14).
enum Group : uint32_t {
  kSenSupport = 1u << 0,
  kEhcp = 1u << 1,
  kFreeMeals = 1u << 2,
  kLookedAfter = 1u << 3,
  kFemale = 1u << 4,
  kMale = 1u << 5,
  // DfE major ethnic groups, one bit each, from bit 6.
  kEthnicWhite = 1u << 6,
  kEthnicMixed = 1u << 7,
  kEthnicAsian = 1u << 8,
  kEthnicBlack = 1u << 9,
  kEthnicChinese = 1u << 10,
  kEthnicOther = 1u << 11,
  kEthnicUnknown = 1u << 12,
};

// Every combination of Group bits: a histogram of them has this many counters.
inline constexpr uint32_t kGroupCombinations = 1u << 13;

// One involved pupil of one record, as the store gives it.
struct Row {
  long long record_id = 0;  // the incident; Remove takes its rows away
  long long school_id = 0;
  Date day;                 // London date the record happened
  int minute = 0;           // minutes after midnight, London time
  std::string category;     // the policy's category id
  int behaviour_class = 0;  // policy::BehaviourClass as an integer, 0–7
  std::string place;        // as recorded; "" for none
  long long staff_id = 0;   // who recorded it
  long long pupil_id = 0;
  int year_group = 0;       // 0–15
  long long form_id = 0;    // 0 for none
  uint32_t groups = 0;      // Group bits
  bool restricted = false;  // counted only for the readers below
  // When restricted: which readers may read it, as bits 0–5 (the service
  // numbers the roles that may read restricted records).
  uint8_t readers = 0;
  bool physical = false;  // a physical intervention was recorded with it
};

// Which rows a question is about. Empty sets mean "any".
struct Filter {
  std::vector<long long> schools;  // the schools asked about; never empty in a query
  std::optional<Date> from, to;    // inclusive
  uint32_t classes = 0xFF;         // bit c set: behaviour class c counts
  std::vector<std::string> categories;
  std::vector<std::string> places;
  uint32_t years = 0xFFFF;       // bit y set: year group y counts
  long long staff_id = 0;        // 0: anyone's
  long long pupil_id = 0;        // 0: any pupil
  std::vector<long long> forms;  // empty: any form
  uint32_t groups = 0;           // Group bits a row's pupil must all have
  // Restricted rows count only where a row's readers include one of these
  // (0: no restricted row counts); none given, every row counts.
  std::optional<uint8_t> readers;
  bool group_counts = false;  // true: fill Counts::by_groups and by_year
  bool class_split = false;   // true: fill Counts::by_day_class, by_year_class, by_form_class
  // So that a page's several questions about one window are one pass:
  // - split_every_class: the class split counts rows of every class (the
  //   class test applies to the rest of Counts only);
  // - groups_whole_school: the group counts are the whole school's, as if
  //   no year group, form, pupil group, member of staff or pupil were asked
  //   (equity: each group against the rest of the school);
  // - places_seen: fill Counts::places_seen with the places recorded within
  //   the dates (and by staff_id when given), whatever else is asked.
  bool split_every_class = false;
  bool groups_whole_school = false;
  bool places_seen = false;
};

// The answers, each adding up to `total`.
struct Counts {
  long long total = 0;
  std::vector<std::pair<std::string, long long>> by_category;  // named, count > 0, by count
  std::vector<std::pair<std::string, long long>> by_place;     // place ("" none), by count
  std::array<long long, 24> by_hour{};
  std::array<long long, 8> by_class{};
  // weekday (0 Monday .. 6 Sunday) × hour
  std::array<std::array<long long, 24>, 7> heatmap{};
  std::vector<std::pair<Date, long long>> by_day;         // days with rows, in order
  std::vector<std::pair<long long, long long>> by_pupil;  // pupil id, by count (then id)
  // With Filter::group_counts: rows by their pupil's Group bits (indexed by
  // the bits, kGroupCombinations long) and by year group.
  std::vector<long long> by_groups;
  std::array<long long, 16> by_year{};
  // The same for the rows with a physical intervention.
  std::vector<long long> by_groups_physical;
  std::array<long long, 16> by_year_physical{};
  // With Filter::class_split: the rows by behaviour class, day by day (the
  // days with rows, in order), by year group and by form (form id, 0 for
  // none; the forms with rows, by id): a page's trends and year groups
  // from one pass instead of one per class.
  using ByClass = std::array<long long, 8>;
  std::vector<std::pair<Date, ByClass>> by_day_class;
  std::array<ByClass, 16> by_year_class{};
  std::vector<std::pair<long long, ByClass>> by_form_class;
  // With Filter::places_seen: each place with rows ("" for none), by name.
  std::vector<std::string> places_seen;
};

class Index {
 public:
  Index();
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  void Add(const Row& row);
  // Adds rows together, taking each lock once (loading at start).
  void Add(const std::vector<Row>& rows);
  // Takes away the rows of one record (a note undone); rows are added
  // record by record, so they are found together near the end.
  void Remove(long long school_id, long long record_id);
  // Puts each school's rows in order of day, so that questions about some
  // dates read only those dates' rows (rows added later are read by every
  // question until the next sort). Call after loading.
  void SortByDay();
  // Answers `filter` over its schools; `pupils` caps by_pupil (0: none).
  Counts Query(const Filter& filter, size_t pupils = 20) const;
  // Rows held, across schools.
  long long Size() const;
  // The day of the school's earliest row; none when it has none.
  std::optional<Date> FirstDay(long long school_id) const;

 private:
  struct School;
  struct Dictionaries;
  School* SchoolFor(long long school_id);
  static void SortSchool(School& school);
  const School* FindSchool(long long school_id) const;

  mutable std::shared_mutex schools_mutex_;
  std::unordered_map<long long, std::unique_ptr<School>> schools_;
  std::unique_ptr<Dictionaries> dict_;
};

}  // namespace attune::insight
