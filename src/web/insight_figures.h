// What the insight page (GET /insight) and its downloads (GET
// /insight.csv) show, gathered once from InsightService for the filters
// chosen: the asked-for answer, prosocial and other records side by side
// week by week around the policy's versions, and by year group and form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "services/insight_service.h"
#include "web/context.h"

namespace attune::web {

// The filters as chosen on the page; what is not understood is dropped and
// said (`problems`), never a 500.
struct InsightChoice {
  std::string period = "year";    // half_term, term, year, last_year, all, custom
  std::optional<Date> from, to;   // custom
  std::string kind = "concerns";  // concerns, prosocial, all, or one class name
  int year = -1;
  long long form = 0;
  std::string category, place, group;
  // Whose recording: "" the whole school's (for insight.school), "mine"
  // the person's own, or a member of staff's id (senior leaders only:
  // reflective supervision).
  std::string who;
  std::vector<std::string> problems;
  // The query string that chooses these again (without `chart`).
  std::string Query() const;
};

InsightChoice ReadInsightChoice(const http::FormData& q);

// One week of the trend: records a school day, prosocial and the rest.
// (A month when the window is longer than a year: InsightFigures::by_month.)
struct InsightWeek {
  Date start, end;  // Monday and Sunday, or the first and last of the month
  int school_days = 0;
  insight::Counts::ByClass by_class{};  // by policy::BehaviourClass
};

// Records of every class but prosocial among `by_class`.
long long OtherThanProsocial(const insight::Counts::ByClass& by_class);

// Prosocial and other records of one year group or form.
struct InsightGroupRow {
  std::string label;
  long long id = 0;  // the year group or form id
  long long prosocial = 0, other = 0;
};

// Before and after the policy version that came into force last within
// the window: records (of the kind chosen) a school day.
struct BeforeAfter {
  int version = 0;
  Date from;
  int weeks_before = 0, weeks_after = 0;  // weeks with school days, at most kCompareWeeks
  int days_before = 0, days_after = 0;
  long long before = 0, after = 0;
  bool too_short = true;  // fewer than kEnoughWeeks on either side
};

inline constexpr int kCompareWeeks = 6;
inline constexpr int kEnoughWeeks = 4;

struct InsightFigures {
  InsightChoice choice;
  InsightQuery query;  // as asked, with the window's dates
  InsightAnswer main;  // the kind chosen, with months, names and versions
  // In the window, every other filter applied, by policy::BehaviourClass.
  insight::Counts::ByClass by_class{};
  std::vector<InsightWeek> weeks;
  // Weeks are months: a window longer than a year reads better by month
  // than in hundreds of weeks, and is drawn in a fifth of the time.
  bool by_month = false;
  std::optional<BeforeAfter> change;
  std::vector<InsightGroupRow> years, forms;  // forms when a year is chosen
  std::vector<std::string> places;            // recorded in the window, for the filter
  std::string staff_name;                     // whose recording, when another's
  std::string window_words;                   // "This school year: Tuesday 1 September 2026 to …"
  int school_days = 0;                        // in the window
  bool groups_allowed = false;                // pupil groups offered (special-category data)
  // Equity by pupil group, for leaders who may see special-category data
  // (the whole school's figures only): the records chosen, and physical
  // interventions.
  bool equity_shown = false;
  std::vector<EquityRow> equity, equity_physical;
};

// The first day of the teaching year `day` is in: 1 September (insight's
// "this school year"; suspensions count the legal year from 1 August,
// SuspensionService::SchoolYearStart).
Date TeachingYearStart(Date day);

// `choice`'s year, form, category, place and pupil group into `q`; a pupil
// group only for those who may see special-category data (else dropped
// from `choice`). Returns whether they may.
bool ApplyChoiceFilters(const Principal& by, InsightChoice& choice, InsightQuery& q);

Result<InsightFigures> GatherInsight(const WebContext& ctx, const Principal& by,
                                     InsightChoice choice);

}  // namespace attune::web
