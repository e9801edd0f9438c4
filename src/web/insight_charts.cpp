#include "web/insight_charts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace attune::web {
namespace {

using nlohmann::json;

const char* const kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};

// The drawing's size in SVG units; on a narrow screen it scrolls sideways
// rather than shrink its words (css/insight.css).
constexpr double kWidth = 600, kHeight = 240;
constexpr double kLeft = 44, kRight = 10, kTop = 22, kBottom = 30;
constexpr double kLabelWidth = 40;      // room one label under the axis needs
constexpr double kYearLabelWidth = 58;  // and one with its year ("Sep 2025")

// The smallest of 1, 2, 2.5, 5 × 10^k at or above `v`: a step of the axis.
double NiceCeiling(double v) {
  if (v <= 0) return 1;
  double base = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * base >= v - 1e-9) return m * base;
  }
  return 10 * base;
}

// One decimal place, as printf's "%.1f" gives it (to_chars: no locale, a
// chart has hundreds of them).
std::string Fixed(double v) {
  char buf[400];
  auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 1).ptr;
  return std::string(buf, end);
}

}  // namespace

std::string NumberWords(double v, int decimals) {
  bool whole = std::fabs(v - std::round(v)) < 1e-9 || decimals == 0;
  char buf[400];  // the largest double has 309 digits
  auto end = std::to_chars(buf, buf + sizeof buf, std::fabs(v), std::chars_format::fixed,
                           whole ? 0 : decimals)
                 .ptr;
  std::string text(buf, end);
  size_t point = text.find('.');
  std::string digits = text.substr(0, point);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (point != std::string::npos) out += text.substr(point);
  bool negative = v < 0 && out.find_first_not_of("0.,") != std::string::npos;
  return (negative ? "-" : "") + out;
}

std::string PercentWords(long long n, long long of) {
  std::string whole = NumberWords(100.0 * static_cast<double>(n) / static_cast<double>(of), 0);
  if (n > 0 && whole == "0") return "under 1%";
  if (n < of && whole == "100") return "over 99%";
  return whole + "%";
}

std::string MonthWords(const std::string& ym, bool with_year) {
  static const char* const names[] = {"January",   "February", "March",    "April",
                                      "May",       "June",     "July",     "August",
                                      "September", "October",  "November", "December"};
  int m = std::stoi(ym.substr(5, 2));
  std::string name = names[std::clamp(m, 1, 12) - 1];
  return with_year ? name + " " + ym.substr(0, 4) : name.substr(0, 3);
}

std::string HourWords(int h) { return (h < 10 ? "0" : "") + std::to_string(h) + ":00"; }

// The weekday × hour map: school days only unless the weekend has records.
json HeatmapView(const insight::Counts& counts, const std::string& heading) {
  const auto& m = counts.heatmap;
  int first = 8, last = 16;
  long long most = 0;
  bool weekend = false;
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 24; ++h) {
      if (!m[d][h]) continue;
      first = std::min(first, h);
      last = std::max(last, h);
      most = std::max(most, m[d][h]);
      weekend = weekend || d >= 5;
    }
  }
  json hours = json::array();
  for (int h = first; h <= last; ++h) hours.push_back({{"hour", HourWords(h).substr(0, 2)}});
  json rows = json::array();
  for (int d = 0; d < (weekend ? 7 : 5); ++d) {
    json cells = json::array();
    for (int h = first; h <= last; ++h) {
      long long n = m[d][h];
      int level = most ? static_cast<int>(std::ceil(5.0 * static_cast<double>(n) / most)) : 0;
      cells.push_back({{"count", n},
                       {"level", level},
                       {"words", std::string(kWeekdays[d]) + " " + HourWords(h) + ": " +
                                     NumberWords(static_cast<double>(n))}});
    }
    rows.push_back({{"day", std::string(kWeekdays[d]).substr(0, 3)},
                    {"day_long", kWeekdays[d]},
                    {"cells", cells}});
  }
  return {{"hours", hours}, {"rows", rows}, {"heading", heading}};
}

json ChartView(const Chart& c) {
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  const size_t n = std::max<size_t>(1, c.columns.size());
  const size_t series = std::max<size_t>(1, c.series.size());
  double most = 0;
  for (const auto& col : c.columns) {
    for (const auto& v : col.values) {
      if (v) most = std::max(most, *v);
    }
  }
  // Three to five steps of a round size up to the top.
  const double tick = NiceCeiling(most / 4);
  const int ticks = std::max(1, static_cast<int>(std::ceil(most / tick - 1e-9)));
  const double top = tick * ticks;
  const int decimals = tick >= 1 ? 0 : tick >= 0.1 ? 1 : 2;
  auto y_of = [&](double v) { return kTop + plot_h * (1 - v / top); };
  const double band = plot_w / static_cast<double>(n);
  auto x_mid = [&](size_t i) { return kLeft + band * (static_cast<double>(i) + 0.5); };

  json grid = json::array();
  for (int t = 0; t <= ticks; ++t) {
    double v = tick * t;
    grid.push_back({{"y", Fixed(y_of(v))},
                    {"x1", Fixed(kLeft)},
                    {"x2", Fixed(kWidth - kRight)},
                    {"ty", Fixed(y_of(v) + 4)},
                    {"tx", Fixed(kLeft - 6)},
                    {"text", NumberWords(v, decimals) + c.unit}});
  }
  // Labels under the axis, thinned so that none overlaps the next (wider
  // when some carry their year).
  const bool years = std::any_of(c.columns.begin(), c.columns.end(),
                                 [](const ChartColumn& col) { return !col.year.empty(); });
  const double label_width = years ? kYearLabelWidth : kLabelWidth;
  size_t step = std::max<size_t>(1, static_cast<size_t>(std::ceil(label_width / band)));
  json labels = json::array();
  std::string last_year;
  for (size_t i = 0; i < c.columns.size(); i += step) {
    const ChartColumn& col = c.columns[i];
    if (col.label.empty()) continue;
    std::string text = col.label;
    if (!col.year.empty() && col.year != last_year) text += " " + col.year;
    last_year = col.year;
    labels.push_back(
        {{"x", Fixed(x_mid(i))}, {"y", Fixed(kHeight - kBottom + 16)}, {"text", text}});
  }
  json bars = json::array();
  json lines = json::array();
  json dots = json::array();
  if (!c.lines) {
    double inner = band * 0.8 / static_cast<double>(series);
    for (size_t i = 0; i < c.columns.size(); ++i) {
      const auto& col = c.columns[i];
      for (size_t s = 0; s < col.values.size() && s < series; ++s) {
        if (!col.values[s]) continue;
        double v = *col.values[s];
        double x =
            kLeft + band * static_cast<double>(i) + band * 0.1 + inner * static_cast<double>(s);
        double h = std::max(v > 0 ? 1.0 : 0.0, plot_h * v / top);
        bars.push_back({{"x", Fixed(x)},
                        {"y", Fixed(kTop + plot_h - h)},
                        {"w", Fixed(std::max(1.0, inner - 1))},
                        {"h", Fixed(h)},
                        {"tone", s < c.series.size() ? c.series[s].tone : "neutral"},
                        {"words", col.words}});
      }
    }
  } else {
    for (size_t s = 0; s < series; ++s) {
      std::string tone = s < c.series.size() ? c.series[s].tone : "neutral";
      std::string points;
      auto flush = [&] {
        if (!points.empty()) lines.push_back({{"points", points}, {"tone", tone}});
        points.clear();
      };
      for (size_t i = 0; i < c.columns.size(); ++i) {
        const auto& col = c.columns[i];
        if (s >= col.values.size() || !col.values[s]) {
          flush();  // a gap: a holiday, no school days
          continue;
        }
        std::string x = Fixed(x_mid(i)), y = Fixed(y_of(*col.values[s]));
        points += (points.empty() ? "" : " ") + x + "," + y;
        if (c.columns.size() <= 60) {
          dots.push_back({{"x", x}, {"y", y}, {"tone", tone}, {"words", col.words}});
        }
      }
      flush();
    }
  }
  json marks = json::array();
  for (const auto& m : c.marks) {
    if (m.column >= c.columns.size()) continue;
    double x = kLeft + band * static_cast<double>(m.column);
    marks.push_back({{"x", Fixed(x)},
                     {"y1", Fixed(kTop - 4)},
                     {"y2", Fixed(kTop + plot_h)},
                     {"tx", Fixed(x + 3)},
                     {"ty", Fixed(kTop - 8)},
                     {"text", m.label}});
  }
  json legend = json::array();
  if (c.series.size() > 1) {
    for (const auto& s : c.series) legend.push_back({{"name", s.name}, {"tone", s.tone}});
  }
  return {{"id", c.id},
          {"title", c.title},
          {"width", Fixed(kWidth)},
          {"height", Fixed(kHeight)},
          {"grid", grid},
          {"labels", labels},
          {"bars", bars},
          {"lines", lines},
          {"dots", dots},
          {"marks", marks},
          {"legend", legend},
          {"has_legend", !legend.empty()},
          {"axis_y", Fixed(kTop + plot_h)},
          {"axis_x1", Fixed(kLeft)},
          {"axis_x2", Fixed(kWidth - kRight)}};
}

}  // namespace attune::web
