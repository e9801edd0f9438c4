#include "core/time.h"

#include <date/tz.h>

#include <cctype>
#include <charconv>
#include <cstdio>

namespace attune {
namespace {

const date::time_zone* London() {
  static const date::time_zone* zone = date::locate_zone("Europe/London");
  return zone;
}

bool ParseInt(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

Timestamp Now() {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

long long ToUnix(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromUnix(long long seconds) { return Timestamp(std::chrono::seconds(seconds)); }

// Written digit by digit: date::format goes through an ostringstream, and
// this is called for every time in every JSON answer (two per recorded
// incident, about 2% of the server's time per record).
std::string FormatHttpDate(Timestamp t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  date::weekday wd{day};
  long long seconds = std::chrono::duration_cast<std::chrono::seconds>(t - day).count();
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02u %s %04d %02lld:%02lld:%02lld GMT",
                kDays[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                seconds / 3600, seconds / 60 % 60, seconds % 60);
  return out;
}

std::string FormatUtc(Timestamp t) {
  auto day = date::floor<date::days>(t);
  date::year_month_day ymd{day};
  long long seconds = (t - day).count();
  int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return date::format("%Y-%m-%dT%H:%M:%SZ", t);
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&](size_t at, long long value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, year, 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, seconds / 3600, 2);
  put(14, seconds / 60 % 60, 2);
  put(17, seconds % 60, 2);
  return out;
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  std::string message = "Enter a date as YYYY-MM-DD, for example 2026-09-03";
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return Status::Invalid(message, std::string(field));
  }
  int y = 0, m = 0, d = 0;
  if (!ParseInt(text.substr(0, 4), y) || !ParseInt(text.substr(5, 2), m) ||
      !ParseInt(text.substr(8, 2), d)) {
    return Status::Invalid(message, std::string(field));
  }
  Date ymd{date::year(y), date::month(static_cast<unsigned>(m)),
           date::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) {
    return Status::Invalid(std::string(text) + " is not a date in the calendar",
                           std::string(field));
  }
  return ymd;
}

std::string FormatDate(Date d) {
  // By hand: date::format goes through a stream and its locale, and pages
  // and files write thousands of dates (every day of a five-year window).
  int y = static_cast<int>(d.year());
  unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  if (y < 0 || y > 9999 || !d.ok()) return date::format("%F", d);
  std::string out = "0000-00-00";
  for (int i = 3; i >= 0; --i, y /= 10)
    out[static_cast<size_t>(i)] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + m / 10);
  out[6] = static_cast<char>('0' + m % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::string DateWords(Date d, bool with_year) {
  // %e would pad a one-digit day with a space.
  return date::format("%A ", d) + std::to_string(static_cast<unsigned>(d.day())) +
         date::format(with_year ? " %B %Y" : " %B", d);
}

Result<int> ParseTimeOfDay(std::string_view text, std::string_view field) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' || !ParseInt(text.substr(0, 2), h) ||
      !ParseInt(text.substr(3, 2), m) || h > 23 || m > 59) {
    return Status::Invalid("Enter a time as HH:MM, for example 08:45", std::string(field));
  }
  return h * 60 + m;
}

std::string FormatTimeOfDay(int minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 24, minutes % 60);
  return buf;
}

std::string FormatLondon(Timestamp t, const char* format) {
  return date::format(format, date::make_zoned(London(), t));
}

// London's offset from UTC at `t`. The zone's rules change twice a year, so
// the last period looked up is kept per thread and reused while it applies.
std::chrono::seconds LondonOffset(Timestamp t) {
  thread_local date::sys_info cached{};
  thread_local bool valid = false;
  if (!valid || t < cached.begin || t >= cached.end) {
    cached = London()->get_info(t);
    valid = true;
  }
  return cached.offset;
}

Date LondonDate(Timestamp t) { return Date{date::floor<date::days>(t + LondonOffset(t))}; }

Timestamp LondonInstant(Date day, int minutes) {
  date::local_seconds local = date::local_days(day) + std::chrono::minutes(minutes);
  auto info = London()->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Timestamp(local.time_since_epoch() - info.first.offset);
    case date::local_info::ambiguous:
      return Timestamp(local.time_since_epoch() - info.first.offset);
    case date::local_info::nonexistent:
      return info.second.begin;
  }
  return Timestamp(local.time_since_epoch());
}

int AgeOn(Date born, Date on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(born.year());
  if (date::month_day(on.month(), on.day()) < date::month_day(born.month(), born.day())) --age;
  return age;
}

int IsoWeekday(Date d) { return static_cast<int>(date::weekday(d).iso_encoding()); }

Result<Timestamp> ParseInstant(std::string_view text, std::string_view field) {
  std::string s(text);
  if (s.size() == 16 && s[10] == ' ') {
    auto day = ParseDate(s.substr(0, 10));
    auto minutes = ParseTimeOfDay(s.substr(11));
    if (day.ok() && minutes.ok()) return LondonInstant(*day, *minutes);
  } else if (s.size() == 20 && s[10] == 'T' && s[19] == 'Z') {
    auto day = ParseDate(s.substr(0, 10));
    auto minutes = ParseTimeOfDay(s.substr(11, 5));
    if (day.ok() && minutes.ok() && s[13] == ':' && s[16] == ':' && std::isdigit(s[17]) &&
        std::isdigit(s[18])) {
      int seconds = (s[17] - '0') * 10 + (s[18] - '0');
      if (seconds < 60) {
        return Timestamp(date::sys_days(*day).time_since_epoch() + std::chrono::minutes(*minutes) +
                         std::chrono::seconds(seconds));
      }
    }
  }
  return Status::Invalid("found \"" + s + "\", expected YYYY-MM-DD HH:MM or YYYY-MM-DDTHH:MM:SSZ",
                         std::string(field));
}

}  // namespace attune
