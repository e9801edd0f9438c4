#include "insight/index.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace attune::insight {
namespace {

// Days are kept as days since 2000-01-01, a Saturday.
const date::sys_days kEpoch = date::sys_days(date::year{2000} / 1 / 1);
constexpr int kDays = 1 << 16;
// Rows a thread takes at a time.
constexpr size_t kChunk = 1 << 18;

uint16_t DayCode(Date d) {
  long long n = (date::sys_days(d) - kEpoch).count();
  return static_cast<uint16_t>(std::clamp<long long>(n, 0, kDays - 1));
}

Date DayOf(int code) { return Date(kEpoch + date::days(code)); }

// Monday 0 .. Sunday 6.
int Weekday(int day_code) { return (day_code + 5) % 7; }

// A set of dictionary codes as bits.
struct Bits {
  std::vector<uint64_t> words;
  bool any = true;  // no set given: every code passes
  void Set(uint32_t code) {
    if (words.size() <= code / 64) words.resize(code / 64 + 1, 0);
    words[code / 64] |= uint64_t{1} << (code % 64);
  }
  bool Has(uint32_t code) const {
    return any || (code / 64 < words.size() && (words[code / 64] >> (code % 64)) & 1);
  }
};

}  // namespace

// A dictionary from values to dense codes, and back.
template <typename T>
struct Codes {
  std::unordered_map<T, uint32_t> code;
  std::vector<T> value;
  uint32_t Get(const T& v) {
    auto [it, added] = code.emplace(v, static_cast<uint32_t>(value.size()));
    if (added) value.push_back(v);
    return it->second;
  }
  std::optional<uint32_t> Find(const T& v) const {
    auto it = code.find(v);
    if (it == code.end()) return std::nullopt;
    return it->second;
  }
};

struct Index::Dictionaries {
  mutable std::shared_mutex mutex;
  Codes<std::string> categories;
  Codes<std::string> places;
  Codes<long long> staff;
  Codes<long long> pupils;
};

// One school's rows, column by column.
struct Index::School {
  mutable std::shared_mutex mutex;
  std::vector<uint16_t> day, minute, category, place;
  std::vector<uint32_t> staff, pupil;
  std::vector<uint8_t> cls, year, restricted;
  size_t size() const { return day.size(); }
};

Index::Index() : dict_(std::make_unique<Dictionaries>()) {}
Index::~Index() = default;

Index::School* Index::SchoolFor(long long school_id) {
  {
    std::shared_lock lock(schools_mutex_);
    auto it = schools_.find(school_id);
    if (it != schools_.end()) return it->second.get();
  }
  std::unique_lock lock(schools_mutex_);
  auto& s = schools_[school_id];
  if (!s) s = std::make_unique<School>();
  return s.get();
}

const Index::School* Index::FindSchool(long long school_id) const {
  std::shared_lock lock(schools_mutex_);
  auto it = schools_.find(school_id);
  return it == schools_.end() ? nullptr : it->second.get();
}

void Index::Add(const Row& r) {
  uint32_t category, place, staff, pupil;
  {
    std::unique_lock lock(dict_->mutex);
    category = dict_->categories.Get(r.category);
    place = dict_->places.Get(r.place);
    staff = dict_->staff.Get(r.staff_id);
    pupil = dict_->pupils.Get(r.pupil_id);
  }
  School* s = SchoolFor(r.school_id);
  std::unique_lock lock(s->mutex);
  s->day.push_back(DayCode(r.day));
  s->minute.push_back(static_cast<uint16_t>(std::clamp(r.minute, 0, 24 * 60 - 1)));
  s->category.push_back(static_cast<uint16_t>(category));
  s->place.push_back(static_cast<uint16_t>(place));
  s->staff.push_back(staff);
  s->pupil.push_back(pupil);
  s->cls.push_back(static_cast<uint8_t>(std::clamp(r.behaviour_class, 0, 7)));
  s->year.push_back(static_cast<uint8_t>(std::clamp(r.year_group, 0, 15)));
  s->restricted.push_back(r.restricted ? 1 : 0);
}

long long Index::Size() const {
  std::shared_lock lock(schools_mutex_);
  long long n = 0;
  for (const auto& [id, s] : schools_) {
    std::shared_lock row_lock(s->mutex);
    n += static_cast<long long>(s->size());
  }
  return n;
}

namespace {

// The filter with its sets turned into bit tests over the dictionaries.
struct Compiled {
  uint16_t from = 0, to = kDays - 1;
  uint32_t classes = 0xFF, years = 0xFFFF;
  Bits categories, places;
  std::optional<uint32_t> staff, pupil;
  bool nothing = false;  // a staff member or pupil never seen: no rows
  bool list_restricted = true;
};

// What one thread has counted.
struct Partial {
  long long total = 0;
  std::vector<long long> category, place, pupil;
  std::array<long long, 24> hour{};
  std::array<long long, 8> cls{};
  std::array<std::array<long long, 24>, 7> heat{};
  std::vector<uint32_t> day;
  Partial(size_t categories, size_t places, size_t pupils)
      : category(categories), place(places), pupil(pupils), day(kDays) {}
};

// Rows [begin, end) of `s` that pass `f`, into `p`.
template <typename School>
void Scan(const School& s, size_t begin, size_t end, const Compiled& f, Partial& p) {
  const uint16_t* day = s.day.data();
  const uint16_t* minute = s.minute.data();
  const uint16_t* category = s.category.data();
  const uint16_t* place = s.place.data();
  const uint32_t* staff = s.staff.data();
  const uint32_t* pupil = s.pupil.data();
  const uint8_t* cls = s.cls.data();
  const uint8_t* year = s.year.data();
  const uint8_t* restricted = s.restricted.data();
  for (size_t i = begin; i < end; ++i) {
    if (day[i] < f.from || day[i] > f.to) continue;
    if (!((f.classes >> cls[i]) & 1) || !((f.years >> year[i]) & 1)) continue;
    if (!f.categories.Has(category[i]) || !f.places.Has(place[i])) continue;
    if (f.staff && staff[i] != *f.staff) continue;
    if (f.pupil && pupil[i] != *f.pupil) continue;
    int hour = minute[i] / 60;
    ++p.total;
    ++p.category[category[i]];
    ++p.place[place[i]];
    ++p.hour[hour];
    ++p.cls[cls[i]];
    ++p.heat[Weekday(day[i])][hour];
    ++p.day[day[i]];
    if (f.list_restricted || !restricted[i]) ++p.pupil[pupil[i]];
  }
}

template <typename T>
std::vector<std::pair<T, long long>> Ranked(std::vector<std::pair<T, long long>> v, size_t cap) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (cap && v.size() > cap) v.resize(cap);
  return v;
}

}  // namespace

Counts Index::Query(const Filter& filter, size_t pupils) const {
  Counts out;
  Compiled f;
  f.classes = filter.classes;
  f.years = filter.years;
  f.list_restricted = filter.list_restricted;
  if (filter.from) f.from = DayCode(*filter.from);
  if (filter.to) f.to = DayCode(*filter.to);
  // The work: each school's rows as they stand now, in chunks taken in turn
  // by the threads. Every code those rows hold is already in the
  // dictionaries (Add codes a row before storing it), read next.
  struct Task {
    const School* school;
    size_t begin, end;
  };
  std::vector<Task> tasks;
  std::vector<std::shared_lock<std::shared_mutex>> locks;
  size_t rows = 0;
  std::vector<long long> schools = filter.schools;
  std::sort(schools.begin(), schools.end());
  schools.erase(std::unique(schools.begin(), schools.end()), schools.end());
  for (long long id : schools) {
    const School* s = FindSchool(id);
    if (!s) continue;
    locks.emplace_back(s->mutex);
    size_t n = s->size();
    for (size_t b = 0; b < n; b += kChunk) tasks.push_back({s, b, std::min(n, b + kChunk)});
    rows += n;
  }
  size_t n_categories, n_places, n_pupils;
  std::vector<std::string> category_names;
  std::vector<std::string> place_names;
  std::vector<long long> pupil_ids;
  {
    std::shared_lock lock(dict_->mutex);
    n_categories = dict_->categories.value.size();
    n_places = dict_->places.value.size();
    n_pupils = dict_->pupils.value.size();
    category_names = dict_->categories.value;
    place_names = dict_->places.value;
    pupil_ids = dict_->pupils.value;
    if (!filter.categories.empty()) {
      f.categories.any = false;
      for (const auto& c : filter.categories) {
        if (auto code = dict_->categories.Find(c)) f.categories.Set(*code);
      }
    }
    if (!filter.places.empty()) {
      f.places.any = false;
      for (const auto& p : filter.places) {
        if (auto code = dict_->places.Find(p)) f.places.Set(*code);
      }
    }
    if (filter.staff_id) {
      f.staff = dict_->staff.Find(filter.staff_id);
      f.nothing = f.nothing || !f.staff;
    }
    if (filter.pupil_id) {
      f.pupil = dict_->pupils.Find(filter.pupil_id);
      f.nothing = f.nothing || !f.pupil;
    }
  }
  if (f.nothing) return out;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, tasks.size())));
  if (rows < kChunk) threads = 1;
  std::vector<Partial> partials;
  partials.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) partials.emplace_back(n_categories, n_places, n_pupils);
  std::atomic<size_t> next{0};
  auto work = [&](Partial& p) {
    for (size_t i = next++; i < tasks.size(); i = next++) {
      Scan(*tasks[i].school, tasks[i].begin, tasks[i].end, f, p);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(partials[t]));
  work(partials[0]);
  for (auto& t : pool) t.join();
  locks.clear();

  // Merged, named, ranked.
  Partial& all = partials[0];
  for (size_t t = 1; t < partials.size(); ++t) {
    const Partial& p = partials[t];
    all.total += p.total;
    for (size_t i = 0; i < n_categories; ++i) all.category[i] += p.category[i];
    for (size_t i = 0; i < n_places; ++i) all.place[i] += p.place[i];
    for (size_t i = 0; i < n_pupils; ++i) all.pupil[i] += p.pupil[i];
    for (int h = 0; h < 24; ++h) all.hour[h] += p.hour[h];
    for (int c = 0; c < 8; ++c) all.cls[c] += p.cls[c];
    for (int w = 0; w < 7; ++w) {
      for (int h = 0; h < 24; ++h) all.heat[w][h] += p.heat[w][h];
    }
    for (int d = 0; d < kDays; ++d) all.day[d] += p.day[d];
  }
  out.total = all.total;
  out.by_hour = all.hour;
  out.by_class = all.cls;
  out.heatmap = all.heat;
  std::vector<std::pair<std::string, long long>> categories;
  for (size_t i = 0; i < n_categories; ++i) {
    if (all.category[i]) categories.emplace_back(category_names[i], all.category[i]);
  }
  out.by_category = Ranked(std::move(categories), 0);
  std::vector<std::pair<std::string, long long>> places;
  for (size_t i = 0; i < n_places; ++i) {
    if (all.place[i]) places.emplace_back(place_names[i], all.place[i]);
  }
  out.by_place = Ranked(std::move(places), 0);
  if (pupils) {
    std::vector<std::pair<long long, long long>> listed;
    for (size_t i = 0; i < n_pupils; ++i) {
      if (all.pupil[i]) listed.emplace_back(pupil_ids[i], all.pupil[i]);
    }
    out.by_pupil = Ranked(std::move(listed), pupils);
  }
  for (int d = 0; d < kDays; ++d) {
    if (all.day[d]) out.by_day.emplace_back(DayOf(d), all.day[d]);
  }
  return out;
}

}  // namespace attune::insight
