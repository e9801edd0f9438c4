#include "services/group_service.h"

#include <algorithm>
#include <set>

#include "core/secrets.h"
#include "services/audit.h"
#include "services/authorization.h"
#include "services/text.h"

namespace attune {
namespace {

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

Date Day(int y, unsigned m, unsigned d) { return Date(date::year{y} / m / d); }

std::optional<double> Per100(const ShownCount& c, long long pupils) {
  if (!c.shown() || pupils <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(c.count) / static_cast<double>(pupils);
}

// done of due as a percentage, unless either part is too small to show.
std::optional<double> Share(long long done, long long due) {
  if (due <= 0 || Suppressed(due) || Suppressed(done) || Suppressed(due - done)) {
    return std::nullopt;
  }
  return 100.0 * static_cast<double>(done) / static_cast<double>(due);
}

ShownCount Primary(long long count, bool withheld) {
  ShownCount s;
  s.count = count;
  s.fewer_than_three = Suppressed(count);
  s.hidden = withheld && !s.fewer_than_three;
  return s;
}

}  // namespace

const std::vector<GroupMeasure>& GroupMeasures() {
  static const std::vector<GroupMeasure> all = {
      {"records", "Records of distress or harm"},
      {"physical", "Physical interventions"},
      {"suspensions", "Suspensions"},
      {"reflection_days", "Reflection days in school"},
  };
  return all;
}

Result<GroupQuery> ParseGroupQuery(const std::function<std::string(std::string_view)>& get) {
  GroupQuery q;
  std::string by = get("by");
  if (!by.empty()) {
    if (by != "term" && by != "month") return Status::Invalid("Choose terms or months", "by");
    q.by = by;
  }
  std::string year = get("year");
  if (!year.empty()) {
    if (year.size() != 4 || year.find_first_not_of("0123456789") != std::string::npos ||
        year < "2000" || year > "2098") {
      return Status::Invalid("Choose a school year from the list", "year");
    }
    q.year = std::stoi(year);
  }
  return q;
}

int GroupService::SchoolYearOf(Date today) {
  int y = static_cast<int>(today.year());
  return static_cast<unsigned>(today.month()) >= 9 ? y : y - 1;
}

std::vector<OutcomeMonth> GroupService::Periods(int year, const std::string& by, Date today) {
  std::vector<OutcomeMonth> out;
  if (by == "month") {
    for (int i = 0; i < 12; ++i) {
      int y = year + (i >= 4 ? 1 : 0);
      unsigned m = static_cast<unsigned>((8 + i) % 12 + 1);
      Date first = Day(y, m, 1);
      Date last = Date(date::year{y} / date::month{m} / date::last);
      out.push_back({FormatDate(first).substr(0, 7), first, last});
    }
  } else {
    out.push_back({"autumn", Day(year, 9, 1), Day(year, 12, 31)});
    out.push_back({"spring", Day(year + 1, 1, 1), Day(year + 1, 3, 31)});
    out.push_back({"summer", Day(year + 1, 4, 1), Day(year + 1, 8, 31)});
  }
  while (!out.empty() && today < out.back().first) out.pop_back();
  if (!out.empty() && today < out.back().last) out.back().last = today;
  return out;
}

std::string GroupPeriodName(const OutcomeMonth& period, const std::string& by) {
  const int y = static_cast<int>(period.first.year());
  if (by == "month") {
    return std::string(kMonthNames[static_cast<unsigned>(period.first.month()) - 1]) + " " +
           std::to_string(y);
  }
  std::string name = period.name;
  if (!name.empty()) name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name + " " + std::to_string(y);
}

Result<Organisation> GroupService::OrganisationOf(const Principal& by) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kGroupView));
  if (!by.organisation_id) return Status::Forbidden("This is for trusts and local authorities");
  return store_.GetOrganisation(by.organisation_id);
}

void GroupService::AuditReads(const Principal& by, const Organisation& org,
                              const std::vector<long long>& schools, const std::string& action,
                              const std::string& detail, const std::string& ip) {
  // In each school's own log, so that the school sees who read its figures.
  for (long long school : schools) {
    Principal in = by;
    in.school_id = school;
    Status st =
        AuditRead(store_, in, action, "organisation_member", by.member_id,
                  org.name + " (" + RoleLabel(by.role) + " " + by.name + "): " + detail, ip);
    if (!st.ok()) return;
  }
}

Result<GroupFigures> GroupService::Figures(const Principal& by, const GroupQuery& q,
                                           const std::string& ip) {
  auto org = OrganisationOf(by);
  if (!org.ok()) return org.status();
  auto schools = store_.ListOrganisationSchools(org->id);
  if (!schools.ok()) return schools.status();

  GroupFigures out;
  out.organisation = *org;
  out.by = q.by;
  const Date today = LondonDate(Now());
  const int current = SchoolYearOf(today);
  for (int y = current; y > current - 5; --y) out.years.push_back(y);
  out.year = q.year ? q.year : current;
  if (out.year > current) out.year = current;
  out.periods = Periods(out.year, q.by, today);
  const size_t n = out.periods.size(), measures = GroupMeasures().size();

  // counts[measure][school][period]; repairs done in time and due.
  std::vector<std::vector<std::vector<long long>>> counts(measures);
  std::vector<std::vector<long long>> in_time, due;
  std::vector<InsightService::SchoolCounts> insight_counts;
  for (const School& s : *schools) {
    auto c = insight_.CountSchool(s.id, out.periods);
    if (!c.ok()) return c.status();
    auto outcomes = store_.CountOutcomes(s.id, out.periods, "");
    if (!outcomes.ok()) return outcomes.status();
    std::vector<std::vector<long long>> row(measures, std::vector<long long>(n, 0));
    row[0] = c->records;
    auto add = [&](size_t measure, const OutcomeCount& oc) {
      if (oc.month < n) row[measure][oc.month] += oc.count;
    };
    for (const auto& oc : outcomes->physical) add(1, oc);
    for (const auto& oc : outcomes->suspensions) add(2, oc);
    for (const auto& oc : outcomes->consequences) {
      if (oc.what == "reflection_day") add(3, oc);
    }
    in_time.emplace_back(n, 0);
    due.emplace_back(n, 0);
    for (const auto& oc : outcomes->repairs) {
      if (oc.month >= n) continue;
      due.back()[oc.month] += oc.count;
      if (oc.how == "in_time") in_time.back()[oc.month] += oc.count;
    }
    for (size_t m = 0; m < measures; ++m) counts[m].push_back(row[m]);
    GroupRow r;
    r.school_id = s.id;
    r.name = s.name;
    r.pupils = c->pupils;
    out.schools.push_back(std::move(r));
    insight_counts.push_back(std::move(*c));
  }

  long long all_pupils = 0;
  for (const auto& r : out.schools) all_pupils += r.pupils;
  // "All 3 schools"; one school alone is "The whole group", as its
  // figures are the group's.
  out.group.name = out.schools.size() == 1
                       ? std::string("The whole group")
                       : "All " + std::to_string(out.schools.size()) + " schools";
  out.group.pupils = all_pupils;
  for (size_t m = 0; m < measures; ++m) {
    std::vector<bool> totals_hidden;
    auto shown = SuppressTable(counts[m], &totals_hidden);
    const size_t rows = out.schools.size();
    std::vector<long long> column(n, 0);
    long long grand = 0;
    for (size_t r = 0; r < rows; ++r) {
      GroupLine line;
      line.counts = shown[r];
      long long total = 0;
      for (size_t p = 0; p < n; ++p) {
        line.per_100.push_back(Per100(line.counts[p], out.schools[r].pupils));
        total += counts[m][r][p];
        column[p] += counts[m][r][p];
      }
      grand += total;
      line.total = Primary(total, totals_hidden[r]);
      line.total_per_100 = Per100(line.total, out.schools[r].pupils);
      out.schools[r].lines.push_back(std::move(line));
    }
    GroupLine group;
    for (size_t p = 0; p < n; ++p) {
      group.counts.push_back(Primary(column[p], rows > 0 && totals_hidden[rows + p]));
      group.per_100.push_back(Per100(group.counts.back(), all_pupils));
    }
    // The group's whole year is the total of two more lines, each school's
    // year and the group's periods: shown only while it gives neither away.
    std::vector<ShownCount*> years, periods;
    for (auto& school : out.schools) years.push_back(&school.lines.back().total);
    for (auto& c : group.counts) periods.push_back(&c);
    bool safe = ProtectTotal(years) && ProtectTotal(periods);
    for (auto& school : out.schools) {
      GroupLine& line = school.lines.back();
      line.total_per_100 = Per100(line.total, school.pupils);
    }
    for (size_t p = 0; p < n; ++p) group.per_100[p] = Per100(group.counts[p], all_pupils);
    group.total = Primary(grand, !safe);
    group.total_per_100 = Per100(group.total, all_pupils);
    out.group.lines.push_back(std::move(group));
  }
  std::vector<long long> group_in_time(n, 0), group_due(n, 0);
  for (size_t r = 0; r < out.schools.size(); ++r) {
    long long done = 0, all = 0;
    for (size_t p = 0; p < n; ++p) {
      out.schools[r].repairs.percent.push_back(Share(in_time[r][p], due[r][p]));
      done += in_time[r][p];
      all += due[r][p];
      group_in_time[p] += in_time[r][p];
      group_due[p] += due[r][p];
    }
    out.schools[r].repairs.total = Share(done, all);
  }
  long long done = 0, all = 0;
  for (size_t p = 0; p < n; ++p) {
    out.group.repairs.percent.push_back(Share(group_in_time[p], group_due[p]));
    done += group_in_time[p];
    all += group_due[p];
  }
  out.group.repairs.total = Share(done, all);
  out.equity = InsightService::GroupEquity(insight_counts);

  std::vector<long long> ids;
  for (const auto& s : out.schools) ids.push_back(s.school_id);
  AuditReads(by, *org, ids, "group.read",
             std::string("figures by ") + q.by + ", school year " + std::to_string(out.year), ip);
  return out;
}

Result<std::vector<AuthorityNotice>> GroupService::Notices(const Principal& by, int year,
                                                           const std::string& ip) {
  ATTUNE_RETURN_IF_ERROR(Authorize(&by, Permission::kAuthorityNotices));
  auto org = OrganisationOf(by);
  if (!org.ok()) return org.status();
  if (!org->local_authority()) return Status::Forbidden("Notices go to local authorities");
  const Date today = LondonDate(Now());
  const int y = year ? std::min(year, SchoolYearOf(today)) : SchoolYearOf(today);
  auto notices = store_.ListAuthorityNotices(org->id, Day(y, 9, 1), Day(y + 1, 8, 31), kMaxNotices);
  if (!notices.ok()) return notices.status();
  std::set<long long> schools;
  for (const auto& notice : *notices) schools.insert(notice.school_id);
  AuditReads(by, *org, {schools.begin(), schools.end()}, "group.read_notices",
             "notices of school year " + std::to_string(y), ip);
  return notices;
}

Result<long long> GroupService::CreateOrganisation(const std::string& kind,
                                                   const std::string& raw_name,
                                                   const std::string& code) {
  if (!IsOrganisationKind(kind)) {
    return Status::Invalid("Choose the kind: trust or local_authority", "kind");
  }
  std::string name = Trim(raw_name);
  if (name.empty() || name.size() > 200) {
    return Status::Invalid("Give the organisation's name (at most 200 characters)", "name");
  }
  if (code.size() > 40) return Status::Invalid("The code is at most 40 characters", "code");
  Organisation o;
  o.kind = kind;
  o.name = name;
  o.code = Trim(code);
  return store_.CreateOrganisation(o);
}

Result<long long> GroupService::AddMember(long long organisation_id, const std::string& raw_email,
                                          const std::string& raw_name,
                                          const std::string& password) {
  auto org = store_.GetOrganisation(organisation_id);
  if (!org.ok()) return org.status();
  OrganisationMember m;
  m.organisation_id = organisation_id;
  m.email = ToLower(Trim(raw_email));
  m.name = Trim(raw_name);
  m.role = OrganisationRole(org->kind);
  if (m.email.size() < 3 || m.email.size() > 254 || m.email.find('@') == std::string::npos) {
    return Status::Invalid("Give an email address", "email");
  }
  if (m.name.empty() || m.name.size() > 200) return Status::Invalid("Give their name", "name");
  ATTUNE_RETURN_IF_ERROR(CheckPasswordStrength(password, "password"));
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  m.password_hash = *hash;
  return store_.CreateOrganisationMember(m);
}

}  // namespace attune
