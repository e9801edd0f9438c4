// The insight engine (insight/index.h) against SQL: the same random rows in
// the engine and in SQLite, thousands of random filters, identical answers
// to every question; and a school's question never counts another school.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <random>
#include <stdexcept>

#include "insight/index.h"

namespace attune::insight {
namespace {

class Sql {
 public:
  Sql() {
    sqlite3_open(":memory:", &db_);
    Exec(
        "CREATE TABLE r (school INTEGER, day TEXT, minute INTEGER, category TEXT, cls INTEGER, "
        "place TEXT, staff INTEGER, pupil INTEGER, year INTEGER, restricted INTEGER, record "
        "INTEGER, form INTEGER, groups INTEGER, physical INTEGER, readers INTEGER)");
  }
  ~Sql() { sqlite3_close(db_); }
  void Exec(const std::string& sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << "\n"
        << sql;
  }
  // Rows of the query as text columns.
  std::vector<std::vector<std::string>> Rows(const std::string& sql) {
    std::vector<std::vector<std::string>> out;
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* t = sqlite3_column_text(st, i);
        row.push_back(t ? reinterpret_cast<const char*>(t) : "");
      }
      out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
  }
  sqlite3* db_ = nullptr;
};

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

std::string Where(const Filter& f) {
  std::string w = " WHERE school IN (";
  for (size_t i = 0; i < f.schools.size(); ++i) w += (i ? "," : "") + std::to_string(f.schools[i]);
  w += ")";
  if (f.from) w += " AND day >= " + Quoted(FormatDate(*f.from));
  if (f.to) w += " AND day <= " + Quoted(FormatDate(*f.to));
  w += " AND ((" + std::to_string(f.classes) + " >> cls) & 1) = 1";
  w += " AND ((" + std::to_string(f.years) + " >> year) & 1) = 1";
  if (!f.categories.empty()) {
    w += " AND category IN (";
    for (size_t i = 0; i < f.categories.size(); ++i) w += (i ? "," : "") + Quoted(f.categories[i]);
    w += ")";
  }
  if (!f.places.empty()) {
    w += " AND place IN (";
    for (size_t i = 0; i < f.places.size(); ++i) w += (i ? "," : "") + Quoted(f.places[i]);
    w += ")";
  }
  if (f.staff_id) w += " AND staff = " + std::to_string(f.staff_id);
  if (f.pupil_id) w += " AND pupil = " + std::to_string(f.pupil_id);
  if (!f.forms.empty()) {
    w += " AND form IN (";
    for (size_t i = 0; i < f.forms.size(); ++i) w += (i ? "," : "") + std::to_string(f.forms[i]);
    w += ")";
  }
  if (f.readers) {
    w += " AND (restricted = 0 OR (readers & " + std::to_string(*f.readers) + ") != 0)";
  }
  if (f.groups)
    w += " AND (groups & " + std::to_string(f.groups) + ") = " + std::to_string(f.groups);
  return w;
}

// A random day in 2024–2026 with weekday and hour peaks, as schools record.
struct Data {
  std::vector<Row> rows;
  std::vector<std::string> categories = {"calling_out",   "kindness", "hurting_others",
                                         "leaving_class", "helping",  "refusal"};
};

Data Make(std::mt19937& rng, int n) {
  Data d;
  std::uniform_int_distribution<int> day(0, 3 * 365), minute(8 * 60, 16 * 60 - 1), cat(0, 5),
      cls(0, 3), place(0, 12), staff(1, 40), year(7, 11), school(1, 3);
  std::geometric_distribution<int> pupil(0.02);  // a few pupils with many records
  for (int i = 0; i < n; ++i) {
    Row r;
    r.school_id = school(rng);
    r.day = Date(date::sys_days(date::year{2024} / 1 / 1) + date::days(day(rng)));
    r.minute = minute(rng);
    r.category = d.categories[static_cast<size_t>(cat(rng))];
    r.behaviour_class = cls(rng);
    int at = place(rng);
    r.place = at ? "Room " + std::to_string(at) : "";
    r.staff_id = staff(rng);
    r.pupil_id = 1000 * r.school_id + std::min(pupil(rng), 400);
    r.year_group = year(rng);
    r.restricted = rng() % 20 == 0;
    r.readers = static_cast<uint8_t>(rng() % 16);
    r.record_id = i + 1;
    r.form_id = r.year_group * 10 + static_cast<long long>(r.pupil_id % 3);
    r.groups = static_cast<uint32_t>((r.pupil_id * 2654435761u) >> 7) & 0x1FFF;
    r.physical = rng() % 9 == 0;
    d.rows.push_back(r);
  }
  return d;
}

Filter RandomFilter(std::mt19937& rng, const Data& d) {
  Filter f;
  f.schools = {1 + static_cast<long long>(rng() % 3)};
  if (rng() % 4 == 0) f.schools.push_back(1 + static_cast<long long>(rng() % 3));
  date::sys_days base = date::sys_days(date::year{2024} / 1 / 1);
  if (rng() % 2) f.from = Date(base + date::days(rng() % 1000));
  if (rng() % 2) f.to = Date(base + date::days(200 + rng() % 900));
  if (rng() % 2) f.classes = static_cast<uint32_t>(rng() % 16);
  if (rng() % 3 == 0) f.years = static_cast<uint32_t>(rng() % 0x1000);
  if (rng() % 3 == 0) {
    for (const auto& c : d.categories) {
      if (rng() % 2) f.categories.push_back(c);
    }
    if (f.categories.empty()) f.categories.push_back("never_recorded");
  }
  if (rng() % 4 == 0) f.places = {"Room " + std::to_string(rng() % 13), "", "Nowhere"};
  if (rng() % 6 == 0) f.staff_id = 1 + static_cast<long long>(rng() % 45);
  if (rng() % 8 == 0) f.pupil_id = 1000 * f.schools[0] + static_cast<long long>(rng() % 5);
  if (rng() % 5 == 0) f.forms = {70 + static_cast<long long>(rng() % 3), 91, 0};
  if (rng() % 4 == 0) f.groups = 1u << (rng() % 13);
  if (rng() % 12 == 0) f.groups |= kFemale | kFreeMeals;
  if (rng() % 2) f.readers = static_cast<uint8_t>(rng() % 16);
  f.group_counts = rng() % 3 == 0;
  f.class_split = rng() % 3 == 0;
  f.split_every_class = rng() % 2 == 0;
  f.groups_whole_school = rng() % 2 == 0;
  f.places_seen = rng() % 4 == 0;
  return f;
}

// The rows the class split counts: with split_every_class, every class.
Filter SplitRows(Filter f) {
  if (f.split_every_class) f.classes = 0xFF;
  return f;
}

// The rows the group counts count: with groups_whole_school, the whole
// school's within the dates, classes, categories, places and readers.
Filter GroupRows(Filter f) {
  if (f.groups_whole_school) {
    f.years = 0xFFFF;
    f.forms.clear();
    f.groups = 0;
    f.staff_id = 0;
    f.pupil_id = 0;
  }
  return f;
}

// The rows whose places are seen: the dates, readers and recorder alone.
Filter SeenRows(const Filter& f) {
  Filter seen;
  seen.schools = f.schools;
  seen.from = f.from;
  seen.to = f.to;
  seen.readers = f.readers;
  seen.staff_id = f.staff_id;
  return seen;
}

TEST(InsightIndex, AnswersAsSqlDoesForThousandsOfRandomFilters) {
  std::mt19937 rng(20261206);
  Data d = Make(rng, 6000);
  Index index;
  Sql sql;
  sql.Exec("BEGIN");
  for (const auto& r : d.rows) {
    // Two thirds loaded and put in order of day, as at start; the rest
    // added after, as records saved while serving.
    if (r.record_id == 4001) index.SortByDay();
    index.Add(r);
    sql.Exec("INSERT INTO r VALUES (" + std::to_string(r.school_id) + "," +
             Quoted(FormatDate(r.day)) + "," + std::to_string(r.minute) + "," + Quoted(r.category) +
             "," + std::to_string(r.behaviour_class) + "," + Quoted(r.place) + "," +
             std::to_string(r.staff_id) + "," + std::to_string(r.pupil_id) + "," +
             std::to_string(r.year_group) + "," + std::to_string(r.restricted ? 1 : 0) + "," +
             std::to_string(r.record_id) + "," + std::to_string(r.form_id) + "," +
             std::to_string(r.groups) + "," + std::to_string(r.physical ? 1 : 0) + "," +
             std::to_string(r.readers) + ")");
  }
  // Some records taken away again, as notes undone: from the engine and SQL.
  for (long long record : {6000LL, 5999LL, 4000LL, 17LL, 123456LL}) {
    long long school = 0;
    for (const auto& r : d.rows) {
      if (r.record_id == record) school = r.school_id;
    }
    index.Remove(school ? school : 1, record);
    sql.Exec("DELETE FROM r WHERE record = " + std::to_string(record));
  }
  sql.Exec("COMMIT");
  EXPECT_EQ(index.Size(), 6000 - 4);  // four of the five were there to take away
  const std::string weekday = "((CAST(strftime('%w', day) AS INTEGER) + 6) % 7)";
  for (int q = 0; q < 2000; ++q) {
    Filter f = RandomFilter(rng, d);
    std::string w = Where(f);
    Counts c = index.Query(f, 10);
    SCOPED_TRACE("filter " + std::to_string(q) + w);
    ASSERT_EQ(c.total, std::stoll(sql.Rows("SELECT COUNT(*) FROM r" + w)[0][0]));
    std::map<std::string, long long> by_category;
    for (const auto& row : sql.Rows("SELECT category, COUNT(*) FROM r" + w + " GROUP BY 1")) {
      by_category[row[0]] = std::stoll(row[1]);
    }
    std::map<std::string, long long> engine_categories(c.by_category.begin(), c.by_category.end());
    ASSERT_EQ(engine_categories, by_category);
    std::map<std::string, long long> by_place;
    for (const auto& row : sql.Rows("SELECT place, COUNT(*) FROM r" + w + " GROUP BY 1")) {
      by_place[row[0]] = std::stoll(row[1]);
    }
    std::map<std::string, long long> engine_places(c.by_place.begin(), c.by_place.end());
    ASSERT_EQ(engine_places, by_place);
    std::array<std::array<long long, 24>, 7> heat{};
    std::array<long long, 24> hours{};
    for (const auto& row :
         sql.Rows("SELECT " + weekday + ", minute / 60, COUNT(*) FROM r" + w + " GROUP BY 1, 2")) {
      heat[std::stoul(row[0])][std::stoul(row[1])] = std::stoll(row[2]);
      hours[std::stoul(row[1])] += std::stoll(row[2]);
    }
    ASSERT_EQ(c.heatmap, heat);
    ASSERT_EQ(c.by_hour, hours);
    std::vector<std::pair<Date, long long>> by_day;
    for (const auto& row : sql.Rows("SELECT day, COUNT(*) FROM r" + w + " GROUP BY 1 ORDER BY 1")) {
      by_day.emplace_back(*ParseDate(row[0]), std::stoll(row[1]));
    }
    ASSERT_EQ(c.by_day, by_day);
    // The pupils with most, ties by id.
    std::vector<std::pair<long long, long long>> by_pupil;
    for (const auto& row : sql.Rows("SELECT pupil, COUNT(*) FROM r" + w +
                                    " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10")) {
      by_pupil.emplace_back(std::stoll(row[0]), std::stoll(row[1]));
    }
    ASSERT_EQ(c.by_pupil, by_pupil);
    if (f.group_counts) {
      const std::string w = Where(GroupRows(f));
      std::vector<long long> groups(kGroupCombinations, 0);
      for (const auto& row : sql.Rows("SELECT groups, COUNT(*) FROM r" + w + " GROUP BY 1")) {
        groups[std::stoul(row[0])] = std::stoll(row[1]);
      }
      ASSERT_EQ(c.by_groups, groups);
      std::array<long long, 16> years{};
      for (const auto& row : sql.Rows("SELECT year, COUNT(*) FROM r" + w + " GROUP BY 1")) {
        years[std::stoul(row[0])] = std::stoll(row[1]);
      }
      ASSERT_EQ(c.by_year, years);
      std::vector<long long> physical(kGroupCombinations, 0);
      for (const auto& row :
           sql.Rows("SELECT groups, COUNT(*) FROM r" + w + " AND physical = 1 GROUP BY 1")) {
        physical[std::stoul(row[0])] = std::stoll(row[1]);
      }
      ASSERT_EQ(c.by_groups_physical, physical);
      std::array<long long, 16> physical_years{};
      for (const auto& row :
           sql.Rows("SELECT year, COUNT(*) FROM r" + w + " AND physical = 1 GROUP BY 1")) {
        physical_years[std::stoul(row[0])] = std::stoll(row[1]);
      }
      ASSERT_EQ(c.by_year_physical, physical_years);
    } else {
      ASSERT_TRUE(c.by_groups.empty());
    }
    if (f.places_seen) {
      std::vector<std::string> seen;
      for (const auto& row :
           sql.Rows("SELECT DISTINCT place FROM r" + Where(SeenRows(f)) + " ORDER BY 1")) {
        seen.push_back(row[0]);
      }
      ASSERT_EQ(c.places_seen, seen);
    } else {
      ASSERT_TRUE(c.places_seen.empty());
    }
    if (f.class_split) {
      const std::string w = Where(SplitRows(f));
      // Each day, year group and form split by behaviour class.
      std::vector<std::pair<Date, Counts::ByClass>> days;
      for (const auto& row :
           sql.Rows("SELECT day, cls, COUNT(*) FROM r" + w + " GROUP BY 1, 2 ORDER BY 1, 2")) {
        Date day = *ParseDate(row[0]);
        if (days.empty() || days.back().first != day) days.push_back({day, {}});
        days.back().second[std::stoul(row[1])] = std::stoll(row[2]);
      }
      ASSERT_EQ(c.by_day_class, days);
      std::array<Counts::ByClass, 16> years{};
      for (const auto& row : sql.Rows("SELECT year, cls, COUNT(*) FROM r" + w + " GROUP BY 1, 2")) {
        years[std::stoul(row[0])][std::stoul(row[1])] = std::stoll(row[2]);
      }
      ASSERT_EQ(c.by_year_class, years);
      std::vector<std::pair<long long, Counts::ByClass>> forms;
      for (const auto& row :
           sql.Rows("SELECT form, cls, COUNT(*) FROM r" + w + " GROUP BY 1, 2 ORDER BY 1, 2")) {
        long long form = std::stoll(row[0]);
        if (forms.empty() || forms.back().first != form) forms.push_back({form, {}});
        forms.back().second[std::stoul(row[1])] = std::stoll(row[2]);
      }
      ASSERT_EQ(c.by_form_class, forms);
    } else {
      ASSERT_TRUE(c.by_day_class.empty());
      ASSERT_TRUE(c.by_form_class.empty());
    }
  }
}

TEST(InsightIndex, ASchoolsQuestionNeverCountsAnotherSchool) {
  Index index;
  Row r;
  r.day = date::year{2026} / 12 / 7;
  r.minute = 10 * 60;
  r.category = "kindness";
  for (long long school : {1, 2, 2}) {
    r.school_id = school;
    r.pupil_id = school * 100;
    index.Add(r);
  }
  Filter one;
  one.schools = {1};
  Counts c = index.Query(one);
  EXPECT_EQ(c.total, 1);
  ASSERT_EQ(c.by_pupil.size(), 1u);
  EXPECT_EQ(c.by_pupil[0].first, 100);
  Filter none;
  none.schools = {3};
  EXPECT_EQ(index.Query(none).total, 0);
  Filter nobody;
  nobody.schools = {};
  EXPECT_EQ(index.Query(nobody).total, 0);  // no school asked: nothing counted
}

// A kindness on 7 December 2026 at `school`, to copy and vary.
Row Kindness(long long school) {
  Row r;
  r.school_id = school;
  r.day = date::year{2026} / 12 / 7;
  r.category = "kindness";
  return r;
}

TEST(InsightIndex, RemovingARecordTakesAllItsPupilsAndNothingElse) {
  Index index;
  std::vector<Row> rows;
  Row r = Kindness(4);
  for (long long record : {1, 2, 3}) {
    for (long long pupil : {10, 11, 12}) {
      r.record_id = record;
      r.pupil_id = pupil + record;
      rows.push_back(r);
    }
  }
  index.Add(rows);
  Filter f;
  f.schools = {4};
  EXPECT_EQ(index.Query(f).total, 9);
  index.Remove(4, 2);  // not the last: the third record's rows stay
  EXPECT_EQ(index.Query(f).total, 6);
  index.Remove(4, 2);  // already gone: nothing changes
  index.Remove(5, 3);  // another school's: nothing changes
  EXPECT_EQ(index.Query(f).total, 6);
  Counts c = index.Query(f, 10);
  // Records 1 (pupils 11–13) and 3 (13–15) are left: pupil 13 in both.
  std::map<long long, long long> pupils(c.by_pupil.begin(), c.by_pupil.end());
  EXPECT_EQ(pupils, (std::map<long long, long long>{{11, 1}, {12, 1}, {13, 2}, {14, 1}, {15, 1}}));
}

TEST(InsightIndex, ASchoolHoldsAtMost65536PupilsAndARowBeyondIsRefusedWhole) {
  // Pupils and staff are coded per school in 16 bits (a school has far
  // fewer); the row that would overflow is refused and leaves nothing.
  Index index;
  std::vector<Row> rows;
  Row r = Kindness(1);
  for (long long pupil = 1; pupil <= 65536; ++pupil) {
    r.record_id = pupil;
    r.pupil_id = pupil;
    rows.push_back(r);
  }
  index.Add(rows);
  r.pupil_id = 65537;
  EXPECT_THROW(index.Add(r), std::length_error);
  EXPECT_EQ(index.Size(), 65536);
  Filter f;
  f.schools = {1};
  Counts c = index.Query(f, 1);
  EXPECT_EQ(c.total, 65536);
  ASSERT_EQ(c.by_pupil.size(), 1u);
  EXPECT_EQ(c.by_pupil[0], (std::pair<long long, long long>{1, 1}));
  r.school_id = 2;  // another school codes its own pupils
  index.Add(r);
  f.schools = {2};
  f.pupil_id = 65537;
  EXPECT_EQ(index.Query(f).total, 1);
}

TEST(InsightIndex, LargeQueriesSplitAcrossThreadsGiveTheSameAnswer) {
  std::mt19937 rng(7);
  Data d = Make(rng, 600000);  // more than two chunks of a school
  Index index;
  for (const auto& r : d.rows) index.Add(r);
  index.SortByDay();
  Filter f;
  f.schools = {1, 2, 3};
  f.classes = 0b1110;  // every class but prosocial
  Counts c = index.Query(f, 5);
  long long expected = 0;
  std::map<long long, long long> pupils;
  for (const auto& r : d.rows) {
    if (r.behaviour_class != 0) {
      ++expected;
      ++pupils[r.pupil_id];
    }
  }
  EXPECT_EQ(c.total, expected);
  long long summed = 0;
  for (const auto& [name, n] : c.by_category) summed += n;
  EXPECT_EQ(summed, expected);
  long long most = 0;
  for (const auto& [p, n] : pupils) most = std::max(most, n);
  ASSERT_FALSE(c.by_pupil.empty());
  EXPECT_EQ(c.by_pupil[0].second, most);
}

}  // namespace
}  // namespace attune::insight
