#include "services/insight_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "model/incident.h"
#include "policy/policy.h"
#include "services/authorization.h"

namespace attune {
namespace {

// Rows handed to the engine at a time while loading.
constexpr size_t kBatch = 1 << 16;
// Threads that read the store at start, at most.
constexpr long long kMaxReaders = 4;

std::vector<std::string_view> CommaList(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.push_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<long long> Number(std::string_view s) {
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// A category id as policies write them: letters, digits, '_' and '-'.
bool IsId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// London's offset from UTC, looked up once an hour of records: rows come in
// order of saving, so almost every row asks about the hour before it.
class LondonClock {
 public:
  // The day and the minute of the day on London's clocks at `t`.
  std::pair<Date, int> At(Timestamp t) {
    long long unix = ToUnix(t);
    long long hour = unix >= 0 ? unix / 3600 : (unix - 3599) / 3600;
    if (hour != hour_) {
      hour_ = hour;
      offset_ = LondonOffset(t).count();
    }
    long long local = unix + offset_;
    long long days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    int minute = static_cast<int>((local - days * 86400) / 60);
    return {Date(date::sys_days(date::days(days))), minute};
  }

 private:
  long long hour_ = std::numeric_limits<long long>::min();
  long long offset_ = 0;
};

// The roles that may read restricted records (those holding
// incidents.view_restricted), each a bit of insight::Row::readers.
uint8_t ReaderBit(std::string_view role) {
  static const std::vector<std::string> readers = [] {
    std::vector<std::string> out;
    for (Role r : AllRoles()) {
      if (RoleHas(r, Permission::kIncidentsViewRestricted)) out.push_back(RoleName(r));
    }
    return out;
  }();
  for (size_t i = 0; i < readers.size() && i < 6; ++i) {
    if (readers[i] == role) return static_cast<uint8_t>(1u << i);
  }
  return 0;
}

// A restricted record's readers (its visible_to, a comma list) as bits.
uint8_t ReadersOf(const std::string& visible_to) {
  uint8_t bits = 0;
  for (std::string_view role : CommaList(visible_to)) bits |= ReaderBit(role);
  return bits;
}

insight::Row RowOf(const RecordFact& f, LondonClock& clock) {
  insight::Row r;
  r.record_id = f.incident_id;
  r.school_id = f.school_id;
  std::tie(r.day, r.minute) = clock.At(f.occurred_at);
  r.category = f.category;
  r.behaviour_class = static_cast<int>(
      policy::ParseClass(f.behaviour_class).value_or(policy::BehaviourClass::kLowLevel));
  r.place = f.place;
  r.staff_id = f.staff_id;
  r.pupil_id = f.pupil_id;
  r.year_group = f.year_group;
  r.form_id = f.form_id;
  r.groups = GroupsOf(f.groups);
  r.restricted = f.restricted;
  if (f.restricted) r.readers = ReadersOf(f.visible_to);
  r.physical = f.physical_intervention;
  return r;
}

}  // namespace

const std::vector<GroupName>& InsightGroups() {
  static const std::vector<GroupName> groups = {
      {"sen_support", "SEN support", insight::kSenSupport},
      {"ehcp", "EHC plan", insight::kEhcp},
      {"fsm", "Free school meals", insight::kFreeMeals},
      {"looked_after", "Looked after", insight::kLookedAfter},
      {"female", "Girls", insight::kFemale},
      {"male", "Boys", insight::kMale},
      {"white", "White", insight::kEthnicWhite},
      {"mixed", "Mixed or multiple ethnic groups", insight::kEthnicMixed},
      {"asian", "Asian or Asian British", insight::kEthnicAsian},
      {"black", "Black, Black British, Caribbean or African", insight::kEthnicBlack},
      {"chinese", "Chinese", insight::kEthnicChinese},
      {"other_ethnic", "Any other ethnic group", insight::kEthnicOther},
      {"unclassified", "Ethnicity not known or refused", insight::kEthnicUnknown},
  };
  return groups;
}

uint32_t GroupsOf(const PupilGroupFields& pupil) {
  const std::string &sex = pupil.sex, &sen_status = pupil.sen_status;
  const bool ehcp = pupil.ehcp, fsm = pupil.fsm, looked_after = pupil.looked_after;
  uint32_t g = 0;
  if (sen_status == "K") g |= insight::kSenSupport;
  if (sen_status == "E" || ehcp) g |= insight::kEhcp;
  if (fsm) g |= insight::kFreeMeals;
  if (looked_after) g |= insight::kLookedAfter;
  if (sex == "F") g |= insight::kFemale;
  if (sex == "M") g |= insight::kMale;
  // DfE ethnicity codes lead with their major group's letter; Chinese is
  // CHNE, and refused or not obtained (REFU, NOBT) is unclassified.
  const std::string& e = pupil.ethnicity_code;
  if (e == "REFU" || e == "NOBT" || e.empty()) {
    g |= insight::kEthnicUnknown;
  } else if (e == "CHNE") {
    g |= insight::kEthnicChinese;
  } else if (e[0] == 'W') {
    g |= insight::kEthnicWhite;
  } else if (e[0] == 'M') {
    g |= insight::kEthnicMixed;
  } else if (e[0] == 'A') {
    g |= insight::kEthnicAsian;
  } else if (e[0] == 'B') {
    g |= insight::kEthnicBlack;
  } else {
    g |= insight::kEthnicOther;
  }
  return g;
}

bool InsightDateInRange(Date day) {
  return !(day < Date(date::year{2000} / 1 / 1)) && !(Date(date::year{2099} / 12 / 31) < day);
}

Result<InsightQuery> ParseInsightQuery(const std::function<std::string(std::string_view)>& get) {
  InsightQuery q;
  for (const char* name : {"from", "to"}) {
    std::string text = get(name);
    if (text.empty()) continue;
    auto d = ParseDate(text, name);
    if (!d.ok()) {
      return Status::Invalid(std::string(name) + " must be a date written YYYY-MM-DD, not \"" +
                                 text.substr(0, 40) + "\"",
                             name);
    }
    if (!InsightDateInRange(*d)) {
      return Status::Invalid(std::string(name) + " must be between 2000-01-01 and 2099-12-31",
                             name);
    }
    (std::string_view(name) == "from" ? q.from : q.to) = *d;
  }
  if (q.from && q.to && *q.to < *q.from) {
    return Status::Invalid("to must not be before from", "to");
  }
  if (std::string text = get("class"); !text.empty()) {
    q.classes = 0;
    for (auto part : CommaList(text)) {
      auto c = policy::ParseClass(part);
      if (!c) {
        return Status::Invalid(
            "class must be prosocial, low_level, difficult or dangerous, not \"" +
                std::string(part.substr(0, 40)) + "\"",
            "class");
      }
      q.classes |= 1u << static_cast<int>(*c);
    }
  }
  if (std::string text = get("category"); !text.empty()) {
    for (auto part : CommaList(text)) {
      if (!IsId(part)) {
        return Status::Invalid("category must be a category id of the policy, such as kindness",
                               "category");
      }
      q.categories.emplace_back(part);
    }
  }
  if (std::string text = get("place"); !text.empty()) {
    if (text.size() > 200) return Status::Invalid("place is too long", "place");
    // Places are free words: a place holds no comma, so a comma lists them.
    for (auto part : CommaList(text)) q.places.emplace_back(part);
  }
  if (std::string text = get("year"); !text.empty()) {
    q.years = 0;
    for (auto part : CommaList(text)) {
      auto y = Number(part);
      if (!y || *y > 15) {
        return Status::Invalid("year must be year groups from 0 to 15, such as 7,8", "year");
      }
      q.years |= 1u << *y;
    }
  }
  if (std::string text = get("form"); !text.empty()) {
    for (auto part : CommaList(text)) {
      auto id = Number(part);
      if (!id || *id == 0) return Status::Invalid("form must be form ids, such as 12,13", "form");
      q.forms.push_back(*id);
    }
  }
  if (std::string text = get("group"); !text.empty()) {
    for (auto part : CommaList(text)) {
      uint32_t bit = 0;
      for (const auto& g : InsightGroups()) {
        if (part == g.name) bit = g.bit;
      }
      if (!bit) {
        std::string names;
        for (const auto& g : InsightGroups())
          names += (names.empty() ? "" : ", ") + std::string(g.name);
        return Status::Invalid("group must be one of " + names, "group");
      }
      q.groups |= bit;
    }
  }
  for (const char* name : {"staff", "pupil"}) {
    std::string text = get(name);
    if (text.empty()) continue;
    auto id = Number(text);
    if (!id || *id == 0) return Status::Invalid(std::string(name) + " must be an id", name);
    (std::string_view(name) == "staff" ? q.staff_id : q.pupil_id) = *id;
  }
  return q;
}

std::vector<std::pair<long long, long long>> IdRanges(std::vector<long long> ids) {
  std::sort(ids.begin(), ids.end());
  std::vector<std::pair<long long, long long>> out;
  for (size_t k = 0; k < ids.size();) {
    size_t end = k + 1;
    while (end < ids.size() && ids[end] == ids[end - 1] + 1) ++end;
    out.push_back({ids[k] - 1, ids[end - 1]});
    k = end;
  }
  return out;
}

InsightService::InsightService(Store& store, PolicyService& policies, SchoolClock& clock)
    : store_(store), policies_(policies), clock_(clock) {}

InsightService::~InsightService() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void InsightService::Start() {
  thread_ = std::thread([this] { Run(); });
}

bool InsightService::Ready() const {
  std::lock_guard lock(mu_);
  return ready_;
}

void InsightService::Recorded(long long school_id, long long incident_id) {
  {
    std::lock_guard lock(mu_);
    changes_.push_back({true, school_id, incident_id});
  }
  wake_.notify_one();
}

void InsightService::Undone(long long school_id, long long incident_id) {
  {
    std::lock_guard lock(mu_);
    changes_.push_back({false, school_id, incident_id});
  }
  wake_.notify_one();
}

Status InsightService::Load(long long after, long long up_to) {
  std::vector<insight::Row> batch;
  batch.reserve(static_cast<size_t>(std::clamp<long long>(up_to - after, 0, kBatch)));
  LondonClock clock;
  try {
    Status st = store_.ForEachRecordFact(after, up_to, [&](const RecordFact& f) {
      // A batch ends between records, so a record's rows stay together
      // (Index::Remove) when several readers add at once.
      if (batch.size() >= kBatch && f.incident_id != batch.back().record_id) {
        index_.Add(batch);
        batch.clear();
      }
      batch.push_back(RowOf(f, clock));
    });
    index_.Add(batch);
    return st;
  } catch (const std::length_error& e) {  // a school beyond the engine's size
    return Status::Internal(e.what());
  }
}

void InsightService::Run() {
  auto started = std::chrono::steady_clock::now();
  auto last = store_.LastIncidentId();
  if (last.ok()) {
    // Records saved while this runs are queued (Recorded) and read after.
    // One reader per core, each a range of ids on its own connection: the
    // load is bound by reading SQLite's rows, which one core does at about
    // a million a second (docs/performance.md).
    const long long readers =
        std::clamp<long long>(std::thread::hardware_concurrency(), 1, kMaxReaders);
    const long long step = *last / readers + 1;
    std::vector<std::thread> pool;
    std::vector<Status> results(static_cast<size_t>(readers));
    for (long long r = 0; r < readers; ++r) {
      pool.emplace_back([&, r] {
        results[static_cast<size_t>(r)] = Load(r * step, std::min(*last, (r + 1) * step));
      });
    }
    for (auto& t : pool) t.join();
    for (const Status& st : results) {
      if (!st.ok()) spdlog::error("insight: loading records failed: {}", st.message());
    }
    loaded_up_to_ = *last;
    double read_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    index_.SortByDay();
    spdlog::info("insight: records read in {:.0f} ms, then put in order of day", read_ms);
  } else {
    spdlog::error("insight: {}", last.status().message());
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("insight: {} rows loaded in {:.0f} ms", index_.Size(), ms);
  std::unique_lock lock(mu_);
  ready_ = true;
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || !changes_.empty(); });
    if (stopping_) return;
    std::deque<Change> changes;
    changes.swap(changes_);
    lock.unlock();
    // Records saved together (one batch of the group commit) are read
    // together: each run of consecutive ids in one read, not one each.
    std::vector<long long> added;
    auto read_added = [&] {
      for (auto [after, up_to] : IdRanges(std::move(added))) {
        if (Status st = Load(after, up_to); !st.ok()) {
          spdlog::error("insight: reading records {} to {} failed: {}", after + 1, up_to,
                        st.message());
        }
      }
      added.clear();
    };
    for (const Change& c : changes) {
      if (!c.added) {
        read_added();  // in order with what is undone
        index_.Remove(c.school_id, c.incident_id);
      } else if (c.incident_id > loaded_up_to_) {
        added.push_back(c.incident_id);  // not yet read: read now
      }
    }
    read_added();
    lock.lock();
  }
}

Result<InsightAnswer> InsightService::Ask(const Principal& by, InsightQuery q, size_t pupils) {
  if (!Ready()) {
    return Status::Unavailable(
        "Insight is still reading the school's records; try again in a few seconds");
  }
  ResolveWindow(by, q);
  auto out = Count(by, q, pupils);
  if (!out.ok()) return out;
  ATTUNE_RETURN_IF_ERROR(Describe(by, q, *out));
  return out;
}

Result<InsightService::PageAnswer> InsightService::AskPage(const Principal& by, InsightQuery q,
                                                           size_t pupils, bool equity) {
  if (!Ready()) {
    return Status::Unavailable(
        "Insight is still reading the school's records; try again in a few seconds");
  }
  ResolveWindow(by, q);
  PageAnswer page;
  InsightAnswer& out = page.answer;
  ATTUNE_RETURN_IF_ERROR(Scope(by, q, out));
  insight::Filter f = FilterFor(by, q);
  f.class_split = true;
  f.split_every_class = true;
  f.places_seen = true;
  std::vector<PupilKind> kinds;
  if (equity && out.scope == "school" && MaySeeEquity(by).ok()) {
    auto k = PupilKinds(by.school_id);
    if (!k.ok()) return k.status();
    kinds = std::move(*k);
    f.group_counts = true;
    f.groups_whole_school = true;
  }
  out.counts = index_.Query(f, out.pupils_listed ? pupils : 0);
  if (f.group_counts) page.equity = EquityTablesOf(kinds, out.counts);
  // Special-category data: only the equity tables leave here.
  out.counts.by_groups.clear();
  out.counts.by_groups_physical.clear();
  out.counts.by_year = {};
  out.counts.by_year_physical = {};
  ATTUNE_RETURN_IF_ERROR(Describe(by, q, out));
  return page;
}

Status InsightService::Scope(const Principal& by, InsightQuery& q, InsightAnswer& out) {
  if (q.groups && !RoleHas(by.role, Permission::kPupilsViewSensitive)) {
    return Status::Forbidden(
        "Pupil groups (SEN, free school meals, ethnicity and the rest) are for staff who may see "
        "those details");
  }
  bool school = RoleHas(by.role, Permission::kInsightSchool);
  if (q.pupil_id) {
    // One pupil's pattern: for anyone who may see the pupil.
    auto pupil = store_.GetPupil(by.school_id, q.pupil_id);
    if (!pupil.ok()) return pupil.status();
    out.scope = "pupil";
    if (q.staff_id && q.staff_id != by.staff_id && !school) {
      return Status::Forbidden("You may see only your own recording");
    }
  } else if (q.staff_id && q.staff_id != by.staff_id) {
    // Reflective supervision: a person's own recording is theirs and senior leaders'.
    if (by.role != Role::kSenior) {
      return Status::Forbidden(
          "Another member of staff's recording is shown to them and to "
          "senior leaders only");
    }
    out.scope = "staff";
  } else if (school && !q.staff_id) {
    out.scope = "school";
  } else {
    q.staff_id = by.staff_id;
    out.scope = "own";
  }
  out.pupils_listed = out.scope == "school" && RoleHas(by.role, Permission::kInsightPupils);
  return Status::Ok();
}

Status InsightService::CheckKnown(const Principal& by, const InsightQuery& q) {
  if (!q.forms.empty()) {
    auto forms = store_.ListForms(by.school_id);
    if (!forms.ok()) return forms.status();
    for (long long id : q.forms) {
      if (std::none_of(forms->begin(), forms->end(), [&](const Form& f) { return f.id == id; })) {
        return Status::Invalid("form " + std::to_string(id) + " is not one of the school's forms",
                               "form");
      }
    }
  }
  if (q.staff_id && (q.staff_id == by.staff_id || by.role == Role::kSenior)) {
    if (!store_.GetStaff(by.school_id, q.staff_id).ok()) {
      return Status::Invalid(
          "staff " + std::to_string(q.staff_id) + " is not one of the school's staff", "staff");
    }
  }
  if (!q.categories.empty()) {
    auto known = policies_.CategoryNames(by);
    if (!known.ok()) return known.status();
    for (const auto& c : q.categories) {
      if (!known->count(c)) {
        return Status::Invalid("category " + c + " is in none of the school's policy's versions",
                               "category");
      }
    }
  }
  return Status::Ok();
}

Result<InsightAnswer> InsightService::Count(const Principal& by, InsightQuery q, size_t pupils) {
  if (!Ready()) {
    return Status::Unavailable(
        "Insight is still reading the school's records; try again in a few seconds");
  }
  InsightAnswer out;
  ATTUNE_RETURN_IF_ERROR(Scope(by, q, out));
  insight::Filter f = FilterFor(by, q);
  f.class_split = q.split_classes;
  out.counts = index_.Query(f, out.pupils_listed ? pupils : 0);
  out.counts.by_groups.clear();  // special-category data: only Equity reads them
  return out;
}

insight::Filter InsightService::FilterFor(const Principal& by, const InsightQuery& q) {
  insight::Filter f;
  f.schools = {by.school_id};
  // A restricted record counts only for those its policy lets read it: a
  // count narrowed by date, category, year, form and pupil group would
  // otherwise name the child it is about (decision 0023).
  f.readers = ReaderBit(RestrictedReaderName(by.role));
  f.from = q.from;
  f.to = q.to;
  f.classes = q.classes;
  f.categories = q.categories;
  f.places = q.places;
  f.years = q.years;
  f.forms = q.forms;
  f.groups = q.groups;
  f.staff_id = q.staff_id;
  f.pupil_id = q.pupil_id;
  return f;
}

void InsightService::ResolveWindow(const Principal& by, InsightQuery& q) const {
  // The window asked (by default from the school's first record to today),
  // ending a year from today at most (a suspension decided today may start
  // next week) and ten years long at most: a window of centuries would be
  // millions of empty weeks and months.
  Date today = LondonDate(Now());
  Date latest = Date(date::sys_days(today) + date::days(366));
  Date to = std::min(q.to.value_or(today), latest);
  Date earliest = Date(date::sys_days(to) - date::days(kInsightLongestDays - 1));
  Date from = std::max(q.from.value_or(index_.FirstDay(by.school_id).value_or(today)), earliest);
  q.from = std::min(from, to);
  q.to = to;
}

Status InsightService::Describe(const Principal& by, const InsightQuery& q, InsightAnswer& out) {
  // The window: ResolveWindow's, or as asked of Count.
  InsightQuery window = q;
  ResolveWindow(by, window);
  out.from = *window.from;
  out.to = *window.to;
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  size_t next = 0;
  const auto& by_day = out.counts.by_day;
  while (next < by_day.size() && by_day[next].first < out.from) ++next;
  std::vector<bool> school_days = (*time)->SchoolDaysBetween(out.from, out.to);
  size_t i = 0;
  for (date::sys_days d = out.from; d <= date::sys_days(out.to); d += date::days(1), ++i) {
    Date ymd(d);
    if (out.months.empty() || ymd.day() == date::day{1}) {
      out.months.push_back({FormatDate(ymd).substr(0, 7), 0, 0});
    }
    if (school_days[i]) ++out.months.back().school_days;
    while (next < by_day.size() && by_day[next].first == ymd) {
      out.months.back().records += by_day[next].second;
      ++next;
    }
  }
  auto versions = policies_.List(by);
  if (!versions.ok()) return versions.status();
  for (const auto& v : *versions) {
    if (v.active_from && *v.active_from <= out.to) {
      out.versions.push_back({v.version, *v.active_from});
    }
  }
  auto names = policies_.CategoryNames(by);
  if (!names.ok()) return names.status();
  out.category_names = std::move(*names);
  std::sort(out.versions.begin(), out.versions.end(),
            [](const PolicyMark& a, const PolicyMark& b) { return a.from < b.from; });
  for (const auto& [id, n] : out.counts.by_pupil) {
    auto pupil = store_.GetPupil(by.school_id, id);
    out.pupil_names[id] = pupil.ok() ? pupil->DisplayName() : "Pupil " + std::to_string(id);
  }
  return Status::Ok();
}

}  // namespace attune

namespace attune {

nlohmann::json InsightJson(const InsightAnswer& a) {
  using nlohmann::json;
  const auto& c = a.counts;
  json months = json::array();
  for (const auto& m : a.months) {
    json rate = nullptr;
    if (m.school_days > 0) {
      rate = std::round(static_cast<double>(m.records) / m.school_days * 100.0) / 100.0;
    }
    months.push_back({{"month", m.month},
                      {"school_days", m.school_days},
                      {"records", m.records},
                      {"per_school_day", rate}});
  }
  json categories = json::array();
  for (const auto& [id, n] : c.by_category) {
    auto name = a.category_names.find(id);
    categories.push_back({{"category", id},
                          {"name", name == a.category_names.end() ? id : name->second},
                          {"count", n}});
  }
  json places = json::array();
  for (const auto& [place, n] : c.by_place) places.push_back({{"place", place}, {"count", n}});
  json hours = json::array();
  for (int h = 0; h < 24; ++h) hours.push_back({{"hour", h}, {"count", c.by_hour[h]}});
  json classes = json::array();
  for (auto cls : {policy::BehaviourClass::kProsocial, policy::BehaviourClass::kLowLevel,
                   policy::BehaviourClass::kDifficult, policy::BehaviourClass::kDangerous}) {
    classes.push_back(
        {{"class", policy::ClassName(cls)}, {"count", c.by_class[static_cast<size_t>(cls)]}});
  }
  json heatmap = json::array();
  for (const auto& day : c.heatmap) heatmap.push_back(day);
  json days = json::array();
  for (const auto& [d, n] : c.by_day) days.push_back({{"date", FormatDate(d)}, {"count", n}});
  json versions = json::array();
  for (const auto& v : a.versions) {
    versions.push_back({{"version", v.version}, {"from", FormatDate(v.from)}});
  }
  json out = {{"scope", a.scope},         {"from", FormatDate(a.from)},
              {"to", FormatDate(a.to)},   {"total", c.total},
              {"per_school_day", months}, {"by_category", categories},
              {"by_place", places},       {"by_hour", hours},
              {"by_class", classes},      {"heatmap", heatmap},
              {"by_day", days},           {"policy_versions", versions}};
  if (a.pupils_listed) {
    json pupils = json::array();
    for (const auto& [id, n] : c.by_pupil) {
      auto name = a.pupil_names.find(id);
      pupils.push_back({{"pupil_id", id},
                        {"name", name == a.pupil_names.end() ? "" : name->second},
                        {"count", n}});
    }
    out["by_pupil"] = pupils;
  }
  return out;
}

}  // namespace attune
