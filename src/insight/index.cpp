#include "insight/index.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "insight/index_parts.h"

namespace attune::insight {
using namespace detail;

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
    uint32_t category, place, form;
  };
  std::vector<Coded> coded(rows.size());
  // Coded under the shared lock, so that readers loading at once do not
  // wait on each other; only values never seen take the lock alone.
  std::vector<size_t> unseen;
  {
    std::shared_lock lock(dict_->mutex);
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& r = rows[i];
      auto category = dict_->categories.Find(r.category);
      auto place = dict_->places.Find(r.place);
      auto form = dict_->forms.Find(r.form_id);
      if (category && place && form) {
        coded[i] = {*category, *place, *form};
      } else {
        unseen.push_back(i);
      }
    }
  }
  if (!unseen.empty()) {
    std::unique_lock lock(dict_->mutex);
    for (size_t i : unseen) {
      const Row& r = rows[i];
      coded[i] = {dict_->categories.Get(r.category), dict_->places.Get(r.place),
                  dict_->forms.Get(r.form_id)};
    }
  }
  // Each school's rows together, in the order given (a record's rows stay
  // together), so a school's lock is taken once per batch.
  std::vector<uint32_t> order(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) order[i] = static_cast<uint32_t>(i);
  auto by_school = [&](uint32_t a, uint32_t b) { return rows[a].school_id < rows[b].school_id; };
  if (!std::is_sorted(order.begin(), order.end(), by_school)) {
    std::stable_sort(order.begin(), order.end(), by_school);
  }
  size_t k = 0;
  while (k < order.size()) {
    const long long school_id = rows[order[k]].school_id;
    School* s = SchoolFor(school_id);
    std::unique_lock lock(s->mutex);
    for (; k < order.size() && rows[order[k]].school_id == school_id; ++k) {
      const size_t i = order[k];
      const Row& r = rows[i];
      // Coded before any column grows, so a refused row leaves none behind.
      const uint16_t staff = School::Local(s->staff_codes, r.staff_id);
      const uint16_t pupil = School::Local(s->pupil_codes, r.pupil_id);
      uint16_t day = DayCode(r.day);
      s->record.push_back(r.record_id);
      s->day.push_back(day);
      s->slot.push_back(
          static_cast<uint8_t>(Weekday(day) * 24 + std::clamp(r.minute, 0, 24 * 60 - 1) / 60));
      s->category.push_back(static_cast<uint16_t>(coded[i].category));
      s->place.push_back(static_cast<uint16_t>(coded[i].place));
      s->staff.push_back(staff);
      s->pupil.push_back(pupil);
      s->form.push_back(static_cast<uint16_t>(coded[i].form));
      s->groups.push_back(static_cast<uint16_t>(r.groups));
      s->cls.push_back(static_cast<uint8_t>(std::clamp(r.behaviour_class, 0, 7)));
      s->year.push_back(static_cast<uint8_t>(std::clamp(r.year_group, 0, 15)));
      s->flags.push_back(static_cast<uint8_t>((r.restricted ? 1 : 0) | (r.physical ? 2 : 0) |
                                              ((r.readers & kReaders) << 2)));
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
  // Schools apart on every core, taken in turn.
  std::atomic<size_t> next{0};
  auto sort = [&] {
    for (size_t k = next++; k < all.size(); k = next++) SortSchool(*all[k]);
  };
  std::vector<std::thread> pool;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 1; t < threads && t < all.size(); ++t) pool.emplace_back(sort);
  sort();
  for (auto& t : pool) t.join();
}

void Index::SortSchool(School& school) {
  School* s = &school;
  {
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

std::optional<Date> Index::FirstDay(long long school_id) const {
  const School* s = FindSchool(school_id);
  if (!s) return std::nullopt;
  std::shared_lock lock(s->mutex);
  if (s->size() == 0) return std::nullopt;
  // The sorted rows' first, or an earlier one added since.
  uint16_t first = s->sorted ? s->day[0] : s->day[s->sorted];
  for (size_t i = s->sorted; i < s->size(); ++i) first = std::min(first, s->day[i]);
  return DayOf(first);
}

}  // namespace attune::insight
