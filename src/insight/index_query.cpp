// Answering a question of the engine (Index::Query): the filter compiled
// once, the rows it may touch split into tasks for every core, one fused
// pass over each task's columns, and the threads' counts merged and named.
#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <tuple>

#include "insight/index.h"
#include "insight/index_parts.h"

namespace attune::insight {
using namespace detail;

namespace {

// Counters a scan keeps kCopies of, one for every kCopies-th row:
// neighbouring rows often share a category, place, hour or class, and
// adding to one counter row after row makes each addition wait for the
// last; with copies the additions overlap. Summed when the scan ends.
constexpr size_t kCopies = 4;
constexpr size_t kSlots = 7 * 24;

// The filter with its sets turned into bit tests over the dictionaries.
struct Compiled {
  uint16_t from = 0, to = kDays - 1;
  uint32_t classes = 0xFF, years = 0xFFFF;
  Bits categories, places, forms;
  uint32_t groups = 0;
  bool by_staff = false, by_pupil = false;  // the codes are each school's: in Task
  bool check_readers = false;               // restricted rows count only for `readers`
  uint8_t readers = 0;
  bool group_counts = false;
  bool class_split = false;
  bool split_every_class = false, groups_whole_school = false, places_seen = false;
  bool pupils = true;  // whether by_pupil is asked for
  size_t n_categories = 0, n_places = 0, n_forms = 0;
  uint16_t first_day = 0;  // Partial::day[0] counts this day
};

// One school's columns, as a scan reads them.
struct Columns {
  const uint16_t *day, *category, *place, *form, *groups, *staff, *pupil;
  const uint8_t *slot, *cls, *year, *flags;
};

// Rows [begin, end) of one school, for one thread at a time.
struct Task {
  Columns c;
  size_t begin, end;
  bool in_order;          // sorted by day and all within the dates asked
  size_t school;          // its place among the schools asked
  uint16_t staff, pupil;  // the school's codes for Filter::staff_id, pupil_id
  // 0 when the school has no such member of staff or pupil: no row is theirs.
  uint32_t staff_known = 1, pupil_known = 1;
  size_t pupils;  // the school's pupil codes when the query began
};

// What one thread has counted.
struct Partial {
  long long total = 0;
  // 32-bit counters: half the cache of 64; a query's counts stay far below.
  std::vector<uint32_t> category, place;  // kCopies of each
  std::array<uint32_t, kCopies * kSlots> slot{};
  std::array<uint32_t, kCopies * 8> cls{};
  std::vector<uint32_t> day;                 // from Compiled::first_day
  std::vector<std::vector<uint32_t>> pupil;  // by school asked, by its pupil code
  // Only when group counts are asked for: every row's, and those with a
  // physical intervention.
  // Each counter twice over: [2 * n] the rows without one, [2 * n + 1] with.
  std::vector<uint32_t> groups, year;
  // Only when the classes are split: by day, year group and form, × 8.
  std::vector<uint32_t> day_class, year_class, form_class;
  std::vector<uint32_t> place_seen;  // only with Filter::places_seen
  Partial(const Compiled& f, size_t days, size_t schools)
      : category(kCopies * f.n_categories),
        place(kCopies * f.n_places),
        day(days),
        pupil(schools),
        groups(f.group_counts ? 2 * kGroupCombinations : 0),
        year(f.group_counts ? 2 * 16 : 0),
        day_class(f.class_split ? days * 8 : 0),
        year_class(f.class_split ? 16 * 8 : 0),
        form_class(f.class_split ? f.n_forms * 8 : 0),
        place_seen(f.places_seen ? f.n_places : 0) {}
};

// The rows of `t` that pass `f`, into `p`. Each row's tests give 0 or 1
// and the counters add it, so no branch waits on a row's answer
// (kBranch: rows failing are skipped instead, for the narrow questions
// about one pupil or member of staff, where most rows fail). What the loop
// reads and adds to is held in locals, so the compiler need not reload it
// after every store. kExtras: whether any of the rarer tests and counts
// (form, pupil groups, group counts, classes split, places seen) is asked;
// the common question is compiled without them. kCounts: which of the
// rarer counts are asked (kGroupCounts, kClassSplit, kPlacesSeen), known
// when compiled (a page's question of many counts then tests none of them
// row by row), or kAsAsked to read them from `f`. kInOrder: the rows are in
// order of day and within the dates, so days are counted by runs; rows out
// of order are skipped when outside the dates.
constexpr unsigned kGroupCounts = 1, kClassSplit = 2, kPlacesSeen = 4, kAsAsked = 8;

template <bool kExtras, bool kInOrder, bool kBranch, unsigned kCounts = kAsAsked>
void Scan(const Task& t, const Compiled& f, Partial& p) {
  constexpr bool kKnown = kCounts != kAsAsked;
  const uint16_t* __restrict day = t.c.day;
  const uint16_t* __restrict category = t.c.category;
  const uint16_t* __restrict place = t.c.place;
  const uint16_t* __restrict staff = t.c.staff;
  const uint16_t* __restrict pupil = t.c.pupil;
  const uint8_t* __restrict slot = t.c.slot;
  const uint8_t* __restrict cls = t.c.cls;
  const uint8_t* __restrict year = t.c.year;
  const uint8_t* __restrict flags = t.c.flags;
  const uint16_t* __restrict form = t.c.form;
  const uint16_t* __restrict groups = t.c.groups;
  uint32_t* __restrict n_category = p.category.data();
  uint32_t* __restrict n_place = p.place.data();
  uint32_t* __restrict n_slot = p.slot.data();
  uint32_t* __restrict n_cls = p.cls.data();
  uint32_t* __restrict n_day = p.day.data();
  uint32_t* __restrict n_pupil = nullptr;
  const bool count_pupils = f.pupils;
  if (count_pupils) {
    auto& v = p.pupil[t.school];
    if (v.size() < t.pupils) v.resize(t.pupils);
    n_pupil = v.data();
  }
  const size_t nc = f.n_categories, np = f.n_places;
  const uint16_t from = f.from, to = f.to, first_day = f.first_day;
  const uint32_t classes = f.classes, years = f.years;
  const bool by_category = !f.categories.any, by_place = !f.places.any, by_form = !f.forms.any;
  const uint32_t need = f.groups;
  const bool by_staff = f.by_staff, by_pupil = f.by_pupil;
  const uint32_t the_staff = t.staff, the_pupil = t.pupil;
  const uint32_t staff_known = t.staff_known, pupil_known = t.pupil_known;
  const bool check_readers = f.check_readers;
  const uint32_t readers = f.readers;
  const bool group_counts = kKnown ? (kCounts & kGroupCounts) != 0 : f.group_counts;
  uint32_t* __restrict n_groups = p.groups.data();
  uint32_t* __restrict n_year = p.year.data();
  const bool class_split = kKnown ? (kCounts & kClassSplit) != 0 : f.class_split;
  uint32_t* __restrict n_day_class = p.day_class.data();
  uint32_t* __restrict n_year_class = p.year_class.data();
  uint32_t* __restrict n_form_class = p.form_class.data();
  const bool split_every_class = f.split_every_class;
  const bool groups_whole_school = f.groups_whole_school;
  const bool places_seen = kKnown ? (kCounts & kPlacesSeen) != 0 : f.places_seen;
  uint32_t* __restrict n_place_seen = p.place_seen.data();
  long long total = 0;
  uint16_t current = t.begin < t.end ? day[t.begin] : 0;
  uint32_t run = 0;
  for (size_t i = t.begin; i < t.end; ++i) {
    const uint16_t d = day[i];
    if constexpr (!kInOrder) {
      if (d < from || d > to) continue;
    }
    // Whether the row passes: the class test; what is about the record
    // (category, place, who may read it); what is about its pupil (year
    // group, form, groups, the pupil) and who recorded it.
    const uint32_t class_ok = (classes >> cls[i]) & 1;
    uint32_t record_ok = 1;
    if (by_category) record_ok &= f.categories.Has(category[i]);
    if (by_place) record_ok &= f.places.Has(place[i]);
    // Most questions come from people who may not read some restricted
    // record, so this test is in the common scan: one byte a row.
    uint32_t readable = 1;
    if (check_readers) {
      readable = (~flags[i] & 1u) | static_cast<uint32_t>(((flags[i] >> 2) & readers) != 0);
    }
    record_ok &= readable;
    uint32_t pupil_ok = (years >> year[i]) & 1;
    if constexpr (kExtras) {
      if (by_form) pupil_ok &= f.forms.Has(form[i]);
      if (need) pupil_ok &= static_cast<uint32_t>((groups[i] & need) == need);
    }
    if (by_pupil) pupil_ok &= static_cast<uint32_t>(pupil[i] == the_pupil) & pupil_known;
    uint32_t staff_ok = 1;
    if (by_staff) staff_ok = static_cast<uint32_t>(staff[i] == the_staff) & staff_known;
    const uint32_t pass = class_ok & record_ok & pupil_ok & staff_ok;
    if constexpr (kBranch) {
      if (!pass) continue;
    }
    const size_t k = i % kCopies;
    total += pass;
    n_category[k * nc + category[i]] += pass;
    n_place[k * np + place[i]] += pass;
    n_slot[k * kSlots + slot[i]] += pass;
    n_cls[k * 8 + cls[i]] += pass;
    if constexpr (kInOrder) {
      if (d != current) {
        n_day[current - first_day] += run;
        run = 0;
        current = d;
      }
      run += pass;
    } else {
      n_day[d - first_day] += pass;
    }
    if (count_pupils) n_pupil[pupil[i]] += pass;
    if constexpr (kExtras) {
      if (group_counts) {
        const uint32_t counted = groups_whole_school ? class_ok & record_ok : pass;
        const uint32_t g = groups[i] & (kGroupCombinations - 1);
        const uint32_t physical = (flags[i] >> 1) & 1u;
        n_groups[2 * g + physical] += counted;
        n_year[2u * year[i] + physical] += counted;
      }
      if (class_split) {
        const uint32_t counted = split_every_class ? record_ok & pupil_ok & staff_ok : pass;
        const uint32_t c = cls[i];
        n_day_class[static_cast<size_t>(d - first_day) * 8 + c] += counted;
        n_year_class[year[i] * 8u + c] += counted;
        n_form_class[form[i] * 8u + c] += counted;
      }
      if (places_seen) n_place_seen[place[i]] += readable & staff_ok;
    }
  }
  if constexpr (kInOrder) {
    if (t.begin < t.end) n_day[current - first_day] += run;
  }
  p.total += total;
}

template <bool kExtras>
void ScanTask(const Task& t, const Compiled& f, Partial& p, bool branch) {
  if (t.in_order) {
    branch ? Scan<kExtras, true, true>(t, f, p) : Scan<kExtras, true, false>(t, f, p);
  } else {
    branch ? Scan<kExtras, false, true>(t, f, p) : Scan<kExtras, false, false>(t, f, p);
  }
}

// The rows in order and read whole (not skipped), with the rarer counts
// compiled in: the insight page's question.
void ScanCounts(const Task& t, const Compiled& f, Partial& p) {
  unsigned counts = (f.group_counts ? kGroupCounts : 0) | (f.class_split ? kClassSplit : 0) |
                    (f.places_seen ? kPlacesSeen : 0);
  switch (counts) {
    case kClassSplit:
      return Scan<true, true, false, kClassSplit>(t, f, p);
    case kClassSplit | kPlacesSeen:
      return Scan<true, true, false, kClassSplit | kPlacesSeen>(t, f, p);
    case kGroupCounts | kClassSplit | kPlacesSeen:
      return Scan<true, true, false, kGroupCounts | kClassSplit | kPlacesSeen>(t, f, p);
    default:
      return Scan<true, true, false>(t, f, p);
  }
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
  if (filter.group_counts) {
    out.by_groups.assign(kGroupCombinations, 0);
    out.by_groups_physical.assign(kGroupCombinations, 0);
  }
  Compiled f;
  f.classes = filter.classes;
  f.years = filter.years;
  f.check_readers = filter.readers.has_value();
  f.readers = filter.readers.value_or(0) & kReaders;
  f.group_counts = filter.group_counts;
  f.class_split = filter.class_split;
  f.split_every_class = filter.class_split && filter.split_every_class;
  f.groups_whole_school = filter.group_counts && filter.groups_whole_school;
  f.places_seen = filter.places_seen;
  f.groups = filter.groups;
  f.pupils = pupils > 0;
  f.by_staff = filter.staff_id != 0;
  f.by_pupil = filter.pupil_id != 0;
  if (filter.from) f.from = DayCode(*filter.from);
  if (filter.to) f.to = DayCode(*filter.to);
  if (f.to < f.from) return out;

  // The work: each school's rows as they stand now, in chunks taken in turn
  // by the threads. The locks are held until the answer is named.
  std::vector<Task> ranges, tasks;
  std::vector<std::shared_lock<std::shared_mutex>> locks;
  std::vector<const std::vector<long long>*> pupil_ids;  // by school asked
  size_t rows = 0;
  uint16_t lo = f.to, hi = f.from;  // the days the rows asked about hold
  std::vector<long long> schools = filter.schools;
  std::sort(schools.begin(), schools.end());
  schools.erase(std::unique(schools.begin(), schools.end()), schools.end());
  for (long long id : schools) {
    const School* s = FindSchool(id);
    if (!s) continue;
    locks.emplace_back(s->mutex);
    Task t{};
    t.c = {s->day.data(),    s->category.data(), s->place.data(), s->form.data(),
           s->groups.data(), s->staff.data(),    s->pupil.data(), s->slot.data(),
           s->cls.data(),    s->year.data(),     s->flags.data()};
    // A member of staff or pupil the school does not have: none of its rows
    // count, unless some counts are of rows beyond the question's.
    const bool wide = f.split_every_class || f.groups_whole_school || f.places_seen;
    if (f.by_staff) {
      auto code = s->staff_codes.Find(filter.staff_id);
      if (!code && !wide) continue;
      t.staff = static_cast<uint16_t>(code.value_or(0));
      t.staff_known = code.has_value();
    }
    if (f.by_pupil) {
      auto code = s->pupil_codes.Find(filter.pupil_id);
      if (!code && !wide) continue;
      t.pupil = static_cast<uint16_t>(code.value_or(0));
      t.pupil_known = code.has_value();
    }
    t.school = pupil_ids.size();
    t.pupils = s->pupil_codes.value.size();
    pupil_ids.push_back(&s->pupil_codes.value);
    // The sorted rows of the dates asked about, then every row added since.
    const uint16_t* day = s->day.data();
    size_t first = std::lower_bound(day, day + s->sorted, f.from) - day;
    size_t last = std::upper_bound(day + first, day + s->sorted, f.to) - day;
    if (first < last) {
      lo = std::min(lo, day[first]);
      hi = std::max(hi, day[last - 1]);
    }
    for (size_t i = s->sorted; i < s->size(); ++i) {
      if (day[i] < f.from || day[i] > f.to) continue;
      lo = std::min(lo, day[i]);
      hi = std::max(hi, day[i]);
    }
    for (auto [b0, e0, in_order] :
         {std::tuple{first, last, true}, std::tuple{s->sorted, s->size(), false}}) {
      if (b0 >= e0) continue;
      t.begin = b0;
      t.end = e0;
      t.in_order = in_order;
      ranges.push_back(t);
      rows += e0 - b0;
    }
  }
  if (ranges.empty() || hi < lo) return out;
  // The ranges in chunks the threads take in turn: a few for each thread,
  // so that they finish together (one school's five years would otherwise
  // be two whole chunks and a small one), and none larger than kChunk.
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  if (rows < 2 * kSmallestChunk) threads = 1;  // starting a thread would cost more
  const size_t chunk =
      std::clamp<size_t>((rows + 4 * threads - 1) / (4 * threads), kSmallestChunk, kChunk);
  for (const Task& r : ranges) {
    for (size_t b = r.begin; b < r.end; b += chunk) {
      Task t = r;
      t.begin = b;
      t.end = std::min(r.end, b + chunk);
      tasks.push_back(t);
    }
  }
  f.first_day = lo;
  std::vector<std::string> category_names, place_names;
  std::vector<long long> form_ids;
  {
    std::shared_lock lock(dict_->mutex);
    category_names = dict_->categories.value;
    place_names = dict_->places.value;
    if (f.class_split) form_ids = dict_->forms.value;
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
  }
  // Every code the rows hold is in the dictionaries: Add codes a row before
  // storing it.
  f.n_categories = category_names.size();
  f.n_places = place_names.size();
  f.n_forms = form_ids.size();
  const size_t days = static_cast<size_t>(hi - lo) + 1;

  threads = static_cast<unsigned>(std::min<size_t>(threads, tasks.size()));
  std::vector<Partial> partials;
  partials.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) partials.emplace_back(f, days, pupil_ids.size());
  const bool extras = !f.forms.any || f.groups || f.group_counts || f.class_split || f.places_seen;
  // Skipping the rows that fail suits a question about one pupil or member
  // of staff, unless some counts are of rows beyond the question's.
  const bool branch = (f.by_staff || f.by_pupil) && !f.split_every_class &&
                      !f.groups_whole_school && !f.places_seen;
  std::atomic<size_t> next{0};
  auto work = [&](Partial& p) {
    for (size_t i = next++; i < tasks.size(); i = next++) {
      if (extras && tasks[i].in_order && !branch) {
        ScanCounts(tasks[i], f, p);
      } else if (extras) {
        ScanTask<true>(tasks[i], f, p, branch);
      } else {
        ScanTask<false>(tasks[i], f, p, branch);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(partials[t]));
  work(partials[0]);
  for (auto& t : pool) t.join();

  // Merged, named, ranked.
  std::vector<long long> category(f.n_categories), place(f.n_places), day(days);
  std::vector<long long> day_class(f.class_split ? days * 8 : 0);
  std::vector<long long> form_class(f.class_split ? f.n_forms * 8 : 0);
  std::vector<long long> place_seen(f.places_seen ? f.n_places : 0);
  std::array<long long, kSlots> slot{};
  for (const Partial& p : partials) {
    out.total += p.total;
    for (size_t k = 0; k < kCopies; ++k) {
      for (size_t i = 0; i < f.n_categories; ++i) category[i] += p.category[k * f.n_categories + i];
      for (size_t i = 0; i < f.n_places; ++i) place[i] += p.place[k * f.n_places + i];
      for (size_t i = 0; i < kSlots; ++i) slot[i] += p.slot[k * kSlots + i];
      for (size_t c = 0; c < 8; ++c) out.by_class[c] += p.cls[k * 8 + c];
    }
    for (size_t d = 0; d < days; ++d) day[d] += p.day[d];
    for (size_t i = 0; i < p.groups.size() / 2; ++i) {
      out.by_groups[i] += p.groups[2 * i] + p.groups[2 * i + 1];
      out.by_groups_physical[i] += p.groups[2 * i + 1];
    }
    for (size_t y = 0; y < p.year.size() / 2; ++y) {
      out.by_year[y] += p.year[2 * y] + p.year[2 * y + 1];
      out.by_year_physical[y] += p.year[2 * y + 1];
    }
    for (size_t i = 0; i < p.day_class.size(); ++i) day_class[i] += p.day_class[i];
    for (size_t i = 0; i < p.form_class.size(); ++i) form_class[i] += p.form_class[i];
    for (size_t i = 0; i < p.place_seen.size(); ++i) place_seen[i] += p.place_seen[i];
    for (size_t i = 0; i < p.year_class.size(); ++i)
      out.by_year_class[i / 8][i % 8] += p.year_class[i];
  }
  // The days and forms with rows, each split by class.
  auto split = [](const std::vector<long long>& n, size_t at) {
    Counts::ByClass c{};
    bool any = false;
    for (size_t k = 0; k < 8; ++k) {
      c[k] = n[at * 8 + k];
      any = any || c[k];
    }
    return std::pair{any, c};
  };
  for (size_t d = 0; d < day_class.size() / 8; ++d) {
    if (auto [any, c] = split(day_class, d); any) {
      out.by_day_class.emplace_back(DayOf(static_cast<int>(lo + d)), c);
    }
  }
  for (size_t i = 0; i < form_class.size() / 8; ++i) {
    if (auto [any, c] = split(form_class, i); any) out.by_form_class.emplace_back(form_ids[i], c);
  }
  std::sort(out.by_form_class.begin(), out.by_form_class.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t k = 0; k < kSlots; ++k) {
    out.heatmap[k / 24][k % 24] = slot[k];
    out.by_hour[k % 24] += slot[k];
  }
  std::vector<std::pair<std::string, long long>> categories;
  for (size_t i = 0; i < f.n_categories; ++i) {
    if (category[i]) categories.emplace_back(category_names[i], category[i]);
  }
  out.by_category = Ranked(std::move(categories), 0);
  std::vector<std::pair<std::string, long long>> places;
  for (size_t i = 0; i < f.n_places; ++i) {
    if (place[i]) places.emplace_back(place_names[i], place[i]);
  }
  out.by_place = Ranked(std::move(places), 0);
  for (size_t i = 0; i < place_seen.size(); ++i) {
    if (place_seen[i]) out.places_seen.push_back(place_names[i]);
  }
  std::sort(out.places_seen.begin(), out.places_seen.end());
  if (pupils) {
    std::vector<std::pair<long long, long long>> listed;
    std::vector<long long> n;
    for (size_t s = 0; s < pupil_ids.size(); ++s) {
      n.assign(pupil_ids[s]->size(), 0);
      for (const Partial& p : partials) {
        for (size_t i = 0; i < p.pupil[s].size(); ++i) n[i] += p.pupil[s][i];
      }
      for (size_t i = 0; i < n.size(); ++i) {
        if (n[i]) listed.emplace_back((*pupil_ids[s])[i], n[i]);
      }
    }
    out.by_pupil = Ranked(std::move(listed), pupils);
  }
  for (size_t d = 0; d < days; ++d) {
    if (day[d]) out.by_day.emplace_back(DayOf(static_cast<int>(lo + d)), day[d]);
  }
  return out;
}

}  // namespace attune::insight
