// The insight engine's storage, shared by its two halves: index.cpp adds,
// takes away and orders rows; index_query.cpp answers questions of them.
// Internal to src/insight/.
#pragma once

#include <algorithm>
#include <optional>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "insight/index.h"

namespace attune::insight {
namespace detail {

// Days are kept as days since 2000-01-01, a Saturday.
inline const date::sys_days kEpoch = date::sys_days(date::year{2000} / 1 / 1);
constexpr int kDays = 1 << 16;
// Rows a thread takes at a time: at most kChunk, at least kSmallestChunk.
constexpr size_t kChunk = 1 << 18;
constexpr size_t kSmallestChunk = 1 << 15;
// Row::readers as kept: six bits, after flags' restricted and physical bits.
constexpr uint8_t kReaders = 0x3F;

inline uint16_t DayCode(Date d) {
  long long n = (date::sys_days(d) - kEpoch).count();
  return static_cast<uint16_t>(std::clamp<long long>(n, 0, kDays - 1));
}

inline Date DayOf(int code) { return Date(kEpoch + date::days(code)); }

// Monday 0 .. Sunday 6.
inline int Weekday(int day_code) { return (day_code + 5) % 7; }

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

}  // namespace detail

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
  Codes<long long> forms;
};

// One school's rows, column by column.
struct Index::School {
  mutable std::shared_mutex mutex;
  std::vector<long long> record;
  // staff and pupil are the school's own codes (below): a school's pupils
  // fit in 16 bits, and counting them per school keeps the counters of one
  // school's pupils in the nearest cache.
  std::vector<uint16_t> day, category, place, form, groups, staff, pupil;
  // slot: weekday (Monday 0) × 24 + hour, so the heatmap is one counter.
  // flags: bit 0 restricted, bit 1 physical intervention, bits 2–7 the
  // readers of a restricted row.
  std::vector<uint8_t> slot, cls, year, flags;
  // Rows [0, sorted) are in order of day (SortByDay), so a question about
  // some dates reads only theirs; rows added since follow in any order.
  size_t sorted = 0;
  // The school's members of staff and pupils, by their own codes.
  Codes<long long> staff_codes, pupil_codes;
  size_t size() const { return day.size(); }
  // The school's code for `id`; a school has at most 65,536 of each.
  static uint16_t Local(Codes<long long>& codes, long long id) {
    uint32_t code = codes.Get(id);
    if (code > 0xFFFF)
      throw std::length_error("insight: more than 65,536 pupils or staff in one school");
    return static_cast<uint16_t>(code);
  }
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

}  // namespace attune::insight
