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
  // flags: bit 0 restricted, bit 1 physical intervention.
  std::vector<uint8_t> slot, cls, year, flags;
  // Rows [0, sorted) are in order of day (SortByDay), so a question about
  // some dates reads only theirs; rows added since follow in any order.
  size_t sorted = 0;
  size_t size() const { return day.size(); }
  // Applies `f` to every column.
  template <typename F>
  void EachColumn(F f) {
    f(record);
    f(day);
    f(category);
    f(place);
    f(form);
    f(groups);
    f(staff);
    f(pupil);
    f(slot);
    f(cls);
    f(year);
    f(flags);
  }
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
      s->flags.push_back(static_cast<uint8_t>((r.restricted ? 1 : 0) | (r.physical ? 2 : 0)));
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
  s->EachColumn([&](auto& column) {
    column.erase(column.begin() + static_cast<std::ptrdiff_t>(begin),
                 column.begin() + static_cast<std::ptrdiff_t>(end));
  });
  // Erasing keeps the order of what is left.
  if (begin < s->sorted) s->sorted -= std::min(end, s->sorted) - begin;
}

void Index::SortByDay() {
  std::vector<School*> all;
  {
    std::shared_lock lock(schools_mutex_);
    for (auto& [id, s] : schools_) all.push_back(s.get());
  }
  for (School* s : all) {
    std::unique_lock lock(s->mutex);
    size_t n = s->size();
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
    // Stable: a record's rows, added together, stay together.
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return s->day[a] < s->day[b]; });
    s->EachColumn([&](auto& column) {
      std::remove_reference_t<decltype(column)> moved(n);
      for (size_t i = 0; i < n; ++i) moved[i] = column[order[i]];
      column.swap(moved);
    });
    s->sorted = n;
  }
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
  bool count_restricted = true;
  bool group_counts = false;
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
  // Only when group counts are asked for: every row's, and those with a
  // physical intervention.
  std::vector<uint32_t> groups, year, groups_physical, year_physical;
  Partial(size_t categories, size_t places, size_t pupils, bool group_counts)
      : category(categories),
        place(places),
        pupil(pupils),
        day(kDays),
        groups(group_counts ? kGroupCombinations : 0),
        year(group_counts ? 16 : 0),
        groups_physical(group_counts ? kGroupCombinations : 0),
        year_physical(group_counts ? 16 : 0) {}
};

// Rows [begin, end) of `s` that pass `f`, into `p`. What the loop reads
// and the counters it adds to are held in locals, so the compiler need not
// reload them after every store (they could otherwise alias the counters).
// kExtras: whether any of the rarer tests and counts (form, pupil groups,
// restricted or physical rows, group counts) is asked for; the common
// question is compiled without them.
template <bool kExtras, typename School>
void Scan(const School& s, size_t begin, size_t end, const Compiled& f, Partial& p) {
  const uint16_t* __restrict day = s.day.data();
  const uint16_t* __restrict category = s.category.data();
  const uint16_t* __restrict place = s.place.data();
  const uint32_t* __restrict staff = s.staff.data();
  const uint32_t* __restrict pupil = s.pupil.data();
  const uint8_t* __restrict slot = s.slot.data();
  const uint8_t* __restrict cls = s.cls.data();
  const uint8_t* __restrict year = s.year.data();
  const uint8_t* __restrict flags = s.flags.data();
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
  const bool skip_restricted = !f.count_restricted;
  const bool group_counts = f.group_counts;
  uint32_t* __restrict n_groups = p.groups.data();
  uint32_t* __restrict n_year = p.year.data();
  uint32_t* __restrict n_groups_physical = p.groups_physical.data();
  uint32_t* __restrict n_year_physical = p.year_physical.data();
  long long total = 0;
  for (size_t i = begin; i < end; ++i) {
    const uint16_t d = day[i];
    // One test for the common filters, no branch to mispredict per part.
    bool pass = (d >= from) & (d <= to) & ((classes >> cls[i]) & 1) & ((years >> year[i]) & 1);
    if (!pass) continue;
    if (by_category && !f.categories.Has(category[i])) continue;
    if (by_place && !f.places.Has(place[i])) continue;
    if constexpr (kExtras) {
      if (by_form && !f.forms.Has(form[i])) continue;
      if (need && (groups[i] & need) != need) continue;
      if (skip_restricted && (flags[i] & 1)) continue;
    }
    if (by_staff && staff[i] != the_staff) continue;
    if (by_pupil && pupil[i] != the_pupil) continue;
    ++total;
    ++n_category[category[i]];
    ++n_place[place[i]];
    ++n_slot[slot[i]];
    ++n_cls[cls[i]];
    ++n_day[d];
    if (count_pupils && (all_pupils || !(flags[i] & 1))) ++n_pupil[pupil[i]];
    if (kExtras && group_counts) {
      const uint32_t g = groups[i] & (kGroupCombinations - 1);
      ++n_groups[g];
      ++n_year[year[i]];
      if (flags[i] & 2) {
        ++n_groups_physical[g];
        ++n_year_physical[year[i]];
      }
    }
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
  f.list_restricted = filter.list_restricted && filter.count_restricted;
  f.count_restricted = filter.count_restricted;
  f.group_counts = filter.group_counts;
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
    // The sorted rows of the dates asked about, then every row added since.
    const uint16_t* day = s->day.data();
    size_t first = std::lower_bound(day, day + s->sorted, f.from) - day;
    size_t last = std::upper_bound(day + first, day + s->sorted, f.to) - day;
    for (auto [b0, e0] : {std::pair{first, last}, std::pair{s->sorted, s->size()}}) {
      for (size_t b = b0; b < e0; b += kChunk) tasks.push_back({s, b, std::min(e0, b + kChunk)});
      rows += e0 - b0;
    }
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
  if (f.nothing) {
    if (f.group_counts) {
      out.by_groups.assign(kGroupCombinations, 0);
      out.by_groups_physical.assign(kGroupCombinations, 0);
    }
    return out;
  }
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(1, tasks.size())));
  if (rows < kChunk) threads = 1;
  std::vector<Partial> partials;
  partials.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    partials.emplace_back(n_categories, n_places, f.pupils ? n_pupils : 0, f.group_counts);
  const bool extras = !f.forms.any || f.groups || !f.count_restricted || f.group_counts;
  std::atomic<size_t> next{0};
  auto work = [&](Partial& p) {
    for (size_t i = next++; i < tasks.size(); i = next++) {
      if (extras) {
        Scan<true>(*tasks[i].school, tasks[i].begin, tasks[i].end, f, p);
      } else {
        Scan<false>(*tasks[i].school, tasks[i].begin, tasks[i].end, f, p);
      }
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
    for (size_t i = 0; i < all.groups.size(); ++i) all.groups[i] += p.groups[i];
    for (size_t i = 0; i < all.year.size(); ++i) all.year[i] += p.year[i];
    for (size_t i = 0; i < all.groups_physical.size(); ++i) {
      all.groups_physical[i] += p.groups_physical[i];
    }
    for (size_t i = 0; i < all.year_physical.size(); ++i)
      all.year_physical[i] += p.year_physical[i];
  }
  if (f.group_counts) {
    out.by_groups.assign(all.groups.begin(), all.groups.end());
    out.by_groups_physical.assign(all.groups_physical.begin(), all.groups_physical.end());
    for (int y = 0; y < 16; ++y) {
      out.by_year[y] = all.year[y];
      out.by_year_physical[y] = all.year_physical[y];
    }
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
