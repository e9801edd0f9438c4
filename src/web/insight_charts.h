// The insight page's charts, drawn by the server as SVG (decision 0021):
// the geometry of bar and line charts as a view for
// templates/partials/insight_chart.mustache, which escapes every word.
// Each chart also has its table (the text alternative) on the page.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "insight/index.h"

namespace attune::web {

// One bar, or one point of each line, along the x axis.
struct ChartColumn {
  std::string label;  // under the axis ("" for none)
  // The calendar year the column is in ("" for none): a label under the
  // axis carries it where it differs from the label before (and on the
  // first), so "Sep 2025 … Jan 2026 … May" reads without the table.
  std::string year;
  std::string words;  // what hovering says, e.g. "March 2026: 4.2 a school day"
  std::vector<std::optional<double>> values;  // one per series; nullopt: no value (a gap)
};

struct ChartSeries {
  std::string name;
  std::string tone;  // css: "concern", "prosocial", "neutral"
};

// A dashed line across the chart at one column, e.g. a policy version.
struct ChartMark {
  size_t column = 0;
  std::string label;
};

struct Chart {
  std::string id;      // unique on the page
  std::string title;   // the svg's accessible name
  bool lines = false;  // lines through the columns, else bars (series side by side)
  std::vector<ChartSeries> series;
  std::vector<ChartColumn> columns;
  std::vector<ChartMark> marks;
  std::string unit;  // after the axis numbers, e.g. "" or "%"
};

// The view the partial draws.
nlohmann::json ChartView(const Chart& chart);

// The weekday × hour map as a table's view (partials/insight_heatmap):
// Monday to Friday, and the weekend when it has records; the hours from 8
// to 16 and any other with records; each cell's count and shade 0–5.
// `heading`: the id of the heading naming it.
nlohmann::json HeatmapView(const insight::Counts& counts, const std::string& heading);

// "March 2026" for "2026-03" (`with_year`), else "Mar".
std::string MonthWords(const std::string& ym, bool with_year);

// "09:00".
std::string HourWords(int h);

// A number for people: "4", "4.2", "12,345".
std::string NumberWords(double v, int decimals = 1);

// `n` of `of` as a whole percentage ("12%"), never rounded to a claim it is
// not: some, however few, are "under 1%", and not all "over 99%".
// REQUIRES: of > 0.
std::string PercentWords(long long n, long long of);

}  // namespace attune::web
