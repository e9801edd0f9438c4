#include "web/insight_figures.h"

#include <algorithm>
#include <map>
#include <set>

#include "http/url.h"
#include "policy/policy.h"
#include "services/authorization.h"

namespace attune::web {
namespace {

constexpr uint32_t kAll = 0xFF;
constexpr uint32_t kProsocial = 1u << static_cast<int>(policy::BehaviourClass::kProsocial);
constexpr uint32_t kConcerns = 0xFF & ~kProsocial;

uint32_t ClassesOf(const std::string& kind) {
  if (kind == "prosocial") return kProsocial;
  if (kind == "all") return kAll;
  if (auto c = policy::ParseClass(kind)) return 1u << static_cast<int>(*c);
  return kConcerns;
}

Date Monday(Date d) {
  date::sys_days s(d);
  return Date(s - date::days(IsoWeekday(d) - 1));
}

// School days in [from, to], from the days of the window worked out once.
struct SchoolDays {
  Date first;
  std::vector<bool> days;
  int operator()(Date from, Date to) const {
    int n = 0;
    long long a = (date::sys_days(from) - date::sys_days(first)).count();
    long long b = (date::sys_days(to) - date::sys_days(first)).count();
    for (long long i = std::max(0LL, a); i <= b && i < static_cast<long long>(days.size()); ++i) {
      n += days[static_cast<size_t>(i)];
    }
    return n;
  }
};

}  // namespace

long long OtherThanProsocial(const insight::Counts::ByClass& by_class) {
  long long n = 0;
  for (size_t k = 0; k < by_class.size(); ++k) {
    if (k != static_cast<size_t>(policy::BehaviourClass::kProsocial)) n += by_class[k];
  }
  return n;
}

Date TeachingYearStart(Date day) {
  int y = static_cast<int>(day.year());
  if (static_cast<unsigned>(day.month()) < 9) --y;
  return date::year{y} / 9 / 1;
}

std::string InsightChoice::Query() const {
  std::string q = "period=" + period;
  if (period == "custom") {
    if (from) q += "&from=" + FormatDate(*from);
    if (to) q += "&to=" + FormatDate(*to);
  }
  q += "&kind=" + kind;
  if (year >= 0) q += "&year=" + std::to_string(year);
  if (form) q += "&form=" + std::to_string(form);
  if (!category.empty()) q += "&category=" + http::PercentEncode(category);
  if (!place.empty()) q += "&place=" + http::PercentEncode(place);
  if (!group.empty()) q += "&group=" + http::PercentEncode(group);
  if (!who.empty()) q += "&who=" + who;
  return q;
}

InsightChoice ReadInsightChoice(const http::FormData& q) {
  InsightChoice c;
  std::string period = q.Get("period");
  for (const char* p : {"half_term", "term", "year", "last_year", "all", "custom"}) {
    if (period == p) c.period = p;
  }
  if (!period.empty() && c.period != period) c.problems.push_back("The period was not understood");
  if (c.period == "custom") {
    for (const char* name : {"from", "to"}) {
      std::string text = q.Get(name);
      if (text.empty()) continue;
      auto d = ParseDate(text, name);
      std::string which = name == std::string("from") ? "The first" : "The last";
      if (!d.ok()) {
        c.problems.push_back(which + " day was not a date written like 2026-09-01");
        continue;
      }
      if (!InsightDateInRange(*d)) {
        c.problems.push_back(which + " day must be between 2000-01-01 and 2099-12-31");
        continue;
      }
      (std::string(name) == "from" ? c.from : c.to) = *d;
    }
    if (c.from && c.to && *c.to < *c.from) {
      c.problems.push_back("The last day was before the first: they were swapped");
      std::swap(c.from, c.to);
    }
  }
  std::string kind = q.Get("kind");
  if (kind == "concerns" || kind == "prosocial" || kind == "all" || policy::ParseClass(kind)) {
    c.kind = kind;
  }
  auto year = http::IntValue(q.Get("year"), -1, "year");
  if (year.ok() && *year >= 0 && *year <= 15) c.year = *year;
  auto form = http::IntValue(q.Get("form"), 0, "form");
  if (form.ok() && *form > 0) c.form = *form;
  std::string category = q.Get("category");
  if (!category.empty() && category.size() <= 64) c.category = category;
  std::string place = q.Get("place");
  if (!place.empty() && place.size() <= 200 && place.find(',') == std::string::npos)
    c.place = place;
  std::string group = q.Get("group");
  for (const auto& g : InsightGroups()) {
    if (group == g.name) c.group = group;
  }
  std::string who = q.Get("who");
  auto staff = http::IntValue(who, 0, "who");
  if (who == "mine" || (staff.ok() && *staff > 0)) c.who = who;
  return c;
}

bool ApplyChoiceFilters(const Principal& by, InsightChoice& choice, InsightQuery& q) {
  if (choice.year >= 0) q.years = 1u << choice.year;
  if (choice.form) q.forms = {choice.form};
  if (!choice.category.empty()) q.categories = {choice.category};
  if (!choice.place.empty()) q.places = {choice.place};
  bool groups_allowed = RoleHas(by.role, Permission::kPupilsViewSensitive);
  if (!choice.group.empty()) {
    if (groups_allowed) {
      for (const auto& g : InsightGroups()) {
        if (choice.group == g.name) q.groups = g.bit;
      }
    } else {
      choice.group.clear();
    }
  }
  return groups_allowed;
}

Result<InsightFigures> GatherInsight(const WebContext& ctx, const Principal& by,
                                     InsightChoice choice) {
  InsightFigures out;
  auto time = ctx.clock.For(by.school_id);
  if (!time.ok()) return time.status();
  const policy::SchoolTime& school = **time;
  Date today = LondonDate(Now());
  InsightQuery q;
  std::string period_words;
  if (choice.period == "half_term" || choice.period == "term") {
    const CalendarEntry* e = school.EntryContaining(today, choice.period);
    if (e) {
      q.from = e->starts_on;
      q.to = std::min(e->ends_on, today);
      period_words = "This " + std::string(choice.period == "term" ? "term" : "half-term") +
                     (e->name.empty() ? "" : " (" + e->name + ")");
    } else {
      choice.problems.push_back(std::string("Today is not in a ") +
                                (choice.period == "term" ? "term" : "half-term") +
                                ": this school year is shown");
      choice.period = "year";
    }
  }
  if (choice.period == "year") {
    q.from = TeachingYearStart(today);
    q.to = today;
    period_words = "This school year";
  } else if (choice.period == "last_year") {
    Date start = TeachingYearStart(today);
    q.from = Date(date::year_month_day(date::sys_days(start)).year() - date::years(1),
                  date::month{9}, date::day{1});
    q.to = Date(date::sys_days(start) - date::days(1));
    period_words = "Last school year";
  } else if (choice.period == "all") {
    period_words = "Every record";
  } else if (choice.period == "custom") {
    q.from = choice.from;
    q.to = choice.to.value_or(today);
    period_words = "Chosen dates";
  }
  if (choice.who == "mine") {
    q.staff_id = by.staff_id;
  } else if (!choice.who.empty()) {
    long long id = std::stoll(choice.who);  // digits: ReadInsightChoice
    if (id == by.staff_id) {
      choice.who = "mine";
      q.staff_id = id;
    } else if (by.role == Role::kSenior) {
      auto staff = ctx.store.GetStaff(by.school_id, id);
      if (staff.ok()) {
        q.staff_id = id;
        out.staff_name = staff->name;
      } else {
        choice.problems.push_back(
            "That member of staff was not found: the whole school's is shown");
        choice.who.clear();
      }
    } else {
      choice.problems.push_back(
          "Another member of staff's recording is shown to them and to senior leaders only: "
          "the whole school's is shown");
      choice.who.clear();
    }
  }
  // A form or category the school does not have would count nothing: it
  // is dropped and said, as the API refuses it (InsightService::CheckKnown).
  if (choice.form) {
    InsightQuery probe;
    probe.forms = {choice.form};
    if (!ctx.insight.CheckKnown(by, probe).ok()) {
      choice.problems.push_back("That form was not found: every form is shown");
      choice.form = 0;
    }
  }
  if (!choice.category.empty()) {
    InsightQuery probe;
    probe.categories = {choice.category};
    if (!ctx.insight.CheckKnown(by, probe).ok()) {
      choice.problems.push_back(
          "That category is in none of the school's policy's versions: every category is shown");
      choice.category.clear();
    }
  }
  out.groups_allowed = ApplyChoiceFilters(by, choice, q);

  InsightQuery asked = q;
  asked.classes = ClassesOf(choice.kind);
  // One pass gives the kind chosen; every class of behaviour day by day,
  // by year group and by form (prosocial and the rest side by side, each
  // class's trend, the year groups' and forms' figures); the places
  // recorded (for the filter); and equity, for those who may see it.
  auto page = ctx.insight.AskPage(by, asked, 10, out.groups_allowed);
  if (!page.ok()) return page.status();
  out.main = std::move(page->answer);
  out.query = asked;
  out.query.from = out.main.from;
  out.query.to = out.main.to;
  out.window_words =
      period_words + ": " + DateWords(out.main.from) + " to " + DateWords(out.main.to);
  const insight::Counts& classes = out.main.counts;
  // Every day the page counts, from six weeks before the window (the
  // before-and-after comparison) to its end.
  Date earliest = Date(date::sys_days(out.main.from) - date::days(7 * kCompareWeeks + 7));
  const SchoolDays count_days{earliest,
                              school.SchoolDaysBetween(earliest, std::max(out.main.to, today))};
  out.school_days = count_days(out.main.from, out.main.to);
  for (const auto& place : classes.places_seen) {
    if (!place.empty()) out.places.push_back(place);
  }
  // Every class, every other filter applied: every row has a year group.
  for (const auto& year : classes.by_year_class) {
    for (size_t k = 0; k < year.size(); ++k) out.by_class[k] += year[k];
  }
  // Week by week, Monday first; month by month over more than a year.
  out.by_month = date::sys_days(out.main.to) - date::sys_days(out.main.from) > date::days(366);
  {
    size_t i = 0;
    const auto& days = classes.by_day_class;
    auto period_end = [&](date::sys_days w) {
      if (!out.by_month) return Date(w + date::days(6));
      date::year_month_day d(w);
      return Date(date::sys_days(d.year() / d.month() / date::last));
    };
    date::sys_days w = Monday(out.main.from);
    if (out.by_month) {
      date::year_month_day d(out.main.from);
      w = date::sys_days(d.year() / d.month() / 1);
    }
    for (; w <= date::sys_days(out.main.to); w = date::sys_days(period_end(w)) + date::days(1)) {
      InsightWeek week;
      week.start = Date(w);
      week.end = period_end(w);
      Date last = std::min(week.end, out.main.to);
      Date first = std::max(Date(w), out.main.from);
      week.school_days = count_days(first, last);
      for (; i < days.size() && days[i].first <= last; ++i) {
        for (size_t k = 0; k < week.by_class.size(); ++k) week.by_class[k] += days[i].second[k];
      }
      out.weeks.push_back(week);
    }
  }
  // Around the last policy version to come into force in the window
  // (versions are in order of their first day).
  const PolicyMark* last = nullptr;
  for (const auto& v : out.main.versions) {
    if (out.main.from < v.from && !(out.main.to < v.from)) last = &v;
  }
  if (last) {
    const PolicyMark& v = *last;
    BeforeAfter b;
    b.version = v.version;
    b.from = v.from;
    Date start = Date(date::sys_days(v.from) - date::days(7 * kCompareWeeks));
    Date end = std::min(Date(date::sys_days(v.from) + date::days(7 * kCompareWeeks - 1)), today);
    InsightQuery before = asked, after = asked;
    before.from = start;
    before.to = Date(date::sys_days(v.from) - date::days(1));
    after.from = v.from;
    after.to = end;
    auto nb = ctx.insight.Count(by, before);
    if (!nb.ok()) return nb.status();
    auto na = ctx.insight.Count(by, after);
    if (!na.ok()) return na.status();
    b.before = nb->counts.total;
    b.after = na->counts.total;
    b.days_before = count_days(*before.from, *before.to);
    b.days_after = count_days(*after.from, *after.to);
    auto weeks_with_school = [&](Date from, Date to) {
      int n = 0;
      for (date::sys_days w = Monday(from); w <= date::sys_days(to); w += date::days(7)) {
        if (count_days(std::max(Date(w), from), std::min(Date(w + date::days(6)), to)) > 0) {
          ++n;
        }
      }
      return n;
    };
    b.weeks_before = weeks_with_school(*before.from, *before.to);
    b.weeks_after = weeks_with_school(*after.from, *after.to);
    b.too_short = b.weeks_before < kEnoughWeeks || b.weeks_after < kEnoughWeeks;
    out.change = b;
  }
  // By year group, or by form within the year chosen.
  auto forms = ctx.store.ListForms(by.school_id);
  if (forms.ok()) {
    std::set<int> years;
    for (const auto& f : *forms) years.insert(f.year_group);
    if (choice.year < 0) {
      for (int y : years) {
        const auto& c = classes.by_year_class[static_cast<size_t>(y) & 15];
        out.years.push_back(
            {y == 0 ? "Reception" : "Year " + std::to_string(y), y, c[0], OtherThanProsocial(c)});
      }
    } else if (!choice.form) {
      std::map<long long, insight::Counts::ByClass> by_form(classes.by_form_class.begin(),
                                                            classes.by_form_class.end());
      for (const auto& f : *forms) {
        if (f.year_group != choice.year) continue;
        const auto& c = by_form[f.id];
        out.forms.push_back({f.name, f.id, c[0], OtherThanProsocial(c)});
      }
    }
  }
  // Equity: every pupil group against the rest of the school (the whole
  // school's figures only).
  if (page->equity) {
    out.equity_shown = true;
    out.equity = std::move(page->equity->records);
    out.equity_physical = std::move(page->equity->physical);
  }
  out.choice = std::move(choice);
  return out;
}

}  // namespace attune::web
