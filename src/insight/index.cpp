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
  Codes<long long> forms;
};

// One school's rows, column by column.
struct Index::School {
  mutable std::shared_mutex mutex;
  std::vector<long long> record;
  std::vector<uint16_t> day, category, place, form, groups;
  std::vector<uint32_t> staff, pupil;
  // slot: weekday (Monday 0) × 24 + hour, so the heatmap is one counter.
  std::vector<uint8_t> slot, cls, year, restricted;
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

void Index::Add(const Row& r) { Add(std::vector<Row>{r}); }

void Index::Add(const std::vector<Row>& rows) {
  if (rows.empty()) return;
  struct Coded {
    uint32_t category, place, staff, pupil, form;
  };
  std::vector<Coded> coded(rows.size());
  {
    std::unique_lock lock(dict_->mutex);
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      coded[i] = {dict_->categories.Get(r.category), dict_->places.Get(r.place),
                  dict_->staff.Get(r.staff_id), dict_->pupils.Get(r.pupil_id),
                  dict_->forms.Get(r.form_id)};
    }
  }
  // Rows of one school come together; a school's lock is taken once per run.
  size_t i = 0;
  while (i < rows.size()) {
    const long long school_id = rows[i].school_id;
    School* s = SchoolFor(school_id);
    std::unique_lock lock(s->mutex);
    for (; i < rows.size() && rows[i].school_id == school_id; ++i) {
      const Row& r = rows[i];
      uint16_t day = DayCode(r.day);
      s->record.push_back(r.record_id);
      s->day.push_back(day);
      s->slot.push_back(
          static_cast<uint8_t>(Weekday(day) * 24 + std::clamp(r.minute, 0, 24 * 60 - 1) / 60));
      s->category.push_back(static_cast<uint16_t>(coded[i].category));
      s->place.push_back(static_cast<uint16_t>(coded[i].place));
      s->staff.push_back(coded[i].staff);
      s->pupil.push_back(coded[i].pupil);
      s->form.push_back(static_cast<uint16_t>(coded[i].form));
      s->groups.push_back(static_cast<uint16_t>(r.groups));
      s->cls.push_back(static_cast<uint8_t>(std::clamp(r.behaviour_class, 0, 7)));
      s->year.push_back(static_cast<uint8_t>(std::clamp(r.year_group, 0, 15)));
      s->restricted.push_back(r.restricted ? 1 : 0);
    }
  }
}

void Index::Remove(long long school_id, long long record_id) {
  School* s = SchoolFor(school_id);
  std::unique_lock lock(s->mutex);
  size_t end = s->size();
  while (end > 0 && s->record[end - 1] != record_id) --end;
  size_t begin = end;
  while (begin > 0 && s->record[begin - 1] == record_id) --begin;
  if (begin == end) return;
  auto cut = [&](auto& column) {
    column.erase(column.begin() + static_cast<std::ptrdiff_t>(begin),
                 column.begin() + static_cast<std::ptrdiff_t>(end));
  };
  cut(s->record);
  cut(s->day);
  cut(s->category);
  cut(s->place);
  cut(s->form);
  cut(s->groups);
  cut(s->staff);
  cut(s->pupil);
  cut(s->slot);
  cut(s->cls);
  cut(s->year);
  cut(s->restricted);
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
  Bits categories, places, forms;
  uint32_t groups = 0;
  std::optional<uint32_t> staff, pupil;
  bool nothing = false;  // a staff member or pupil never seen: no rows
  bool list_restricted = true;
  bool pupils = true;  // whether by_pupil is asked for
};

// What one thread has counted.
struct Partial {
  long long total = 0;
  // 32-bit counters: half the cache of 64; a query's counts stay far below.
  std::vector<uint32_t> category, place, pupil;
  std::array<uint32_t, 7 * 24> slot{};
  std::array<uint32_t, 8> cls{};
  std::vector<uint32_t> day;
  Partial(size_t categories, size_t places, size_t pupils)
      : category(categories), place(places), pupil(pupils), day(kDays) {}
};

// Rows [begin, end) of `s` that pass `f`, into `p`. What the loop reads
// and the counters it adds to are held in locals, so the compiler need not
// reload them after every store (they could otherwise alias the counters).
template <typename School>
void Scan(const School& s, size_t begin, size_t end, const Compiled& f, Partial& p) {
  const uint16_t* __restrict day = s.day.data();
  const uint16_t* __restrict category = s.category.data();
  const uint16_t* __restrict place = s.place.data();
  const uint32_t* __restrict staff = s.staff.data();
  const uint32_t* __restrict pupil = s.pupil.data();
  const uint8_t* __restrict slot = s.slot.data();
  const uint8_t* __restrict cls = s.cls.data();
  const uint8_t* __restrict year = s.year.data();
  const uint8_t* __restrict restricted = s.restricted.data();
  const uint16_t* __restrict form = s.form.data();
  const uint16_t* __restrict groups = s.groups.data();
  uint32_t* __restrict n_category = p.category.data();
  uint32_t* __restrict n_place = p.place.data();
  uint32_t* __restrict n_pupil = p.pupil.data();
  uint32_t* __restrict n_slot = p.slot.data();
  uint32_t* __restrict n_cls = p.cls.data();
  uint32_t* __restrict n_day = p.day.data();
  const uint16_t from = f.from, to = f.to;
  const uint32_t classes = f.classes, years = f.years;
  const bool by_category = !f.categories.any, by_place = !f.places.any, by_form = !f.forms.any;
  const uint32_t need = f.groups;
  const bool by_staff = f.staff.has_value(), by_pupil = f.pupil.has_value();
  const uint32_t the_staff = f.staff.value_or(0), the_pupil = f.pupil.value_or(0);
  const bool count_pupils = f.pupils, all_pupils = f.list_restricted;
  long long total = 0;
  for (size_t i = begin; i < end; ++i) {
    const uint16_t d = day[i];
    // One test for the common filters, no branch to mispredict per part.
    bool pass = (d >= from) & (d <= to) & ((classes >> cls[i]) & 1) & ((years >> year[i]) & 1);
    if (!pass) continue;
    if (by_category && !f.categories.Has(category[i])) continue;
    if (by_place && !f.places.Has(place[i])) continue;
    if (by_form && !f.forms.Has(form[i])) continue;
    if (need && (groups[i] & need) != need) continue;
    if (by_staff && staff[i] != the_staff) continue;
    if (by_pupil && pupil[i] != the_pupil) continue;
    ++total;
    ++n_category[category[i]];
    ++n_place[place[i]];
    ++n_slot[slot[i]];
    ++n_cls[cls[i]];
    ++n_day[d];
    if (count_pupils && (all_pupils || !restricted[i])) ++n_pupil[pupil[i]];
  }
  p.total += total;
}

template <typename T>
std::vector<std::pair<T, long long>> Ranked(std::vector<std::pair<T, long long>> v, size_t cap) {
  auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  if (cap && v.size() > cap) {
    // Only the first `cap` in order: a school's pupils are many, the list short.
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(cap), v.end(), before);
    v.resize(cap);
  } else {
    std::sort(v.begin(), v.end(), before);
  }
  return v;
}

}  // namespace

Counts Index::Query(const Filter& filter, size_t pupils) const {
  Counts out;
  Compiled f;
  f.classes = filter.classes;
  f.years = filter.years;
  f.list_restricted = filter.list_restricted;
  f.groups = filter.groups;
  f.pupils = pupils > 0;
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
    if (!filter.forms.empty()) {
      f.forms.any = false;
      for (long long id : filter.forms) {
        if (auto code = dict_->forms.Find(id)) f.forms.Set(*code);
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
  for (unsigned t = 0; t < threads; ++t)
    partials.emplace_back(n_categories, n_places, f.pupils ? n_pupils : 0);
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
    for (size_t i = 0; i < all.pupil.size(); ++i) all.pupil[i] += p.pupil[i];
    for (int c = 0; c < 8; ++c) all.cls[c] += p.cls[c];
    for (int k = 0; k < 7 * 24; ++k) all.slot[k] += p.slot[k];
    for (int d = 0; d < kDays; ++d) all.day[d] += p.day[d];
  }
  out.total = all.total;
  for (int c = 0; c < 8; ++c) out.by_class[c] = all.cls[c];
  for (int k = 0; k < 7 * 24; ++k) {
    out.heatmap[k / 24][k % 24] = all.slot[k];
    out.by_hour[k % 24] += all.slot[k];
  }
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
