#include "demo/plans.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

#include "demo/dpr_words.h"
#include "demo/plan_words.h"
#include "demo/plan_writer.h"
#include "demo/random.h"
#include "policy/plan_rules.h"
#include "services/policy_service.h"
#include "services/school_clock.h"

namespace attune::demo {
namespace {

using nlohmann::json;

// Enough writers at once for the group commit to batch the plans' writes.
constexpr int kThreads = 16;
// How far back plans may start, in school days.
constexpr int kSchoolDaysBack = 100;

// What happens to one child, in order of the need their records show: the
// children with the most difficult and dangerous records take the first.
enum class Path { kRisk, kDprThenWap, kWap, kThrive, kZone6, kDprNow, kDprSucceeded };

struct Child {
  Pupil pupil;
  Path path = Path::kDprNow;
  bool overdue = false;           // its last review due is left unwritten
  std::vector<Incident> records;  // difficult and dangerous, newest first
  PlanPeople people;
  long long tutor = 0, lsa = 0, slt = 0, pastoral = 0;  // staff ids
};

// A pupil's difficult and dangerous records, as a senior leader reads them.
PupilRecordQuery HardMoments(long long school_id, long long pupil_id) {
  PupilRecordQuery q;
  q.school_id = school_id;
  q.viewer_role = RestrictedReaderName(Role::kSenior);
  q.pupil_id = pupil_id;
  q.kind = "difficult";
  q.limit = 30;
  return q;
}

// The child's records before `day` (to link), at most `n`, newest first.
std::vector<long long> RecordsBefore(const Child& c, Date day, size_t n) {
  std::vector<long long> out;
  for (const auto& r : c.records) {
    if (out.size() < n && LondonDate(r.occurred_at) < day) out.push_back(r.id);
  }
  return out;
}

// Reviews falling due before today, each written on its day, but for the
// last of a plan the child's reviews are left overdue on.
template <typename Words>
Status ReviewsDue(const PlanWriter& w, WrittenPlan& o, const Child& c, long long by, Words words,
                  DemoPlans& counts) {
  while (o.plan.review_on && *o.plan.review_on < w.today()) {
    Date on = *o.plan.review_on;
    auto next = policy::SchoolDaysAfter(w.time(), on, *o.type->review_every_school_days);
    if (c.overdue && (!next || !(*next < w.today()))) {
      ++counts.overdue_reviews;
      break;
    }
    ATTUNE_RETURN_IF_ERROR(w.Review(o, on, by, words(on), counts));
  }
  return Status::Ok();
}

// Daily Positive Reporting started `k` school days ago: an entry for each
// school day so far and the weekly reviews; when `successful` is set, ended
// on its last day with the next steps (a WAP on `wap_on` after one that did
// not help).
Result<WrittenPlan> Dpr(const PlanWriter& w, const Child& c, DemoRandom& r, int k,
                        std::optional<bool> successful, std::optional<Date> wap_on,
                        DemoPlans& counts) {
  const PlanPeople& p = c.people;
  auto o = w.Start("daily_positive_reporting", c.pupil, w.Ago(k), c.slt, DprStart(p),
                   DprFirstTarget(r), counts);
  if (!o.ok()) return o.status();
  bool well = successful.value_or(!r.Chance(0.3));
  for (int i = k; i >= 1; --i) {
    Date day = w.Ago(i);
    if (o->plan.ends_on && *o->plan.ends_on < day) break;
    std::string target;
    json entry = DprDay(r, p, r.Chance(well ? 0.1 : 0.4), target);
    ATTUNE_RETURN_IF_ERROR(w.Entry(*o, day, c.tutor, entry, counts));
    bool last = successful && o->plan.ends_on && *o->plan.ends_on == day;
    if (last || (o->plan.review_on && *o->plan.review_on == day)) {
      ATTUNE_RETURN_IF_ERROR(w.Review(*o, day, c.tutor, DprReview(r, p, well), counts));
    }
  }
  if (successful) {
    ATTUNE_RETURN_IF_ERROR(
        w.End(*o, *o->plan.ends_on, c.slt, *successful, DprEnd(r, p, *successful, wap_on)));
  }
  return o;
}

// A Wellbeing Action Plan started `k` school days ago, with its interim
// reviews so far.
Status Wap(const PlanWriter& w, const Child& c, DemoRandom& r, int k, const std::string& after_dpr,
           DemoPlans& counts) {
  Date on = w.Ago(k);
  json fields = WapStart(r, c.people, on, RecordsBefore(c, on, 3), after_dpr);
  json targets = fields["targets"];
  auto o =
      w.Start("wap", c.pupil, on, c.slt, fields, targets[0]["target"].get<std::string>(), counts);
  if (!o.ok()) return o.status();
  return ReviewsDue(
      w, *o, c, c.slt, [&](Date d) { return WapReview(r, c.people, d, targets); }, counts);
}

// Referrals to Zone 6 on up to `n` days the child had a hard moment before
// the school day `k` days ago (0: today), each ended that day; with no such
// record, one on an earlier day.
Status Zone6(const PlanWriter& w, const Child& c, DemoRandom& r, int n, int k, DemoPlans& counts) {
  const std::string type = "zone_6_referral";
  Date before = k == 0 ? w.today() : w.Ago(k);
  std::vector<const Incident*> hard;
  for (const auto& rec : c.records) {
    Date d = LondonDate(rec.occurred_at);
    bool new_day = hard.empty() || LondonDate(hard.back()->occurred_at) != d;
    if (d < before && w.time().IsSchoolDay(d) && new_day && hard.size() < size_t(n)) {
      hard.push_back(&rec);
    }
  }
  if (hard.empty()) hard.push_back(nullptr);
  for (const Incident* rec : hard) {
    Date day = rec ? LondonDate(rec->occurred_at) : w.Ago(k + r.Between(1, 10));
    int minute = rec ? static_cast<int>((rec->occurred_at - LondonInstant(day, 0)).count() / 60)
                     : r.Between(10, 14) * 60;
    // Once everyone is calm, at an agreed time.
    int in = std::min(minute + r.Between(6, 18) * 5, 14 * 60 + 50) / 5 * 5;
    if (in <= minute) in = minute + 10;
    int out = in + r.Between(3, 7) * 5;
    long long by = rec && w.Gives(type, &policy::Plan::started_by, rec->recorded_by_staff_id)
                       ? rec->recorded_by_staff_id
                       : c.tutor;
    std::vector<long long> linked;
    if (rec) linked.push_back(rec->id);
    auto o = w.Start(type, c.pupil, day, by, Zone6Start(linked, in), "", counts);
    if (!o.ok()) return o.status();
    bool could_say_why = r.Chance(0.8);
    ATTUNE_RETURN_IF_ERROR(
        w.End(*o, day, by, could_say_why, Zone6End(r, c.people, out, could_say_why)));
  }
  return Status::Ok();
}

Status WriteChild(const PlanWriter& w, const Child& c, unsigned long long seed, DemoPlans& counts) {
  DemoRandom r(seed, "plans", static_cast<int>(c.pupil.id));
  const PlanPeople& p = c.people;
  switch (c.path) {
    case Path::kDprNow:
      return Dpr(w, c, r, r.Between(1, 9), std::nullopt, std::nullopt, counts).status();
    case Path::kDprSucceeded:
      return Dpr(w, c, r, r.Between(12, 60), true, std::nullopt, counts).status();
    case Path::kDprThenWap: {
      int wap = c.overdue ? r.Between(21, 60) : r.Between(3, 75);
      int gap = r.Between(2, 4);
      auto dpr = Dpr(w, c, r, wap + gap + 9, false, w.Ago(wap), counts);
      if (!dpr.ok()) return dpr.status();
      std::string after = "Daily Positive Reporting from " +
                          DateWords(dpr->plan.started_on, false) + " to " +
                          DateWords(w.Ago(wap + gap), false) +
                          ", which ended without the change everyone hoped for.";
      return Wap(w, c, r, wap, after, counts);
    }
    case Path::kWap:
      return Wap(w, c, r, c.overdue ? r.Between(21, 80) : r.Between(3, 80), "", counts);
    case Path::kZone6:
      return Zone6(w, c, r, r.Between(1, 3), 0, counts);
    case Path::kThrive: {
      int k = r.Between(5, 50);
      ATTUNE_RETURN_IF_ERROR(Zone6(w, c, r, r.Between(1, 2), k, counts));
      auto o = w.Start("thrive_action_plan", c.pupil, w.Ago(k), c.pastoral,
                       ThriveStart(r, p, w.Ago(k + r.Between(1, 5))), "", counts);
      if (!o.ok()) return o.status();
      if (k < 17 || !r.Chance(0.4)) return Status::Ok();
      Date ended = w.Ago(k - r.Between(15, std::min(30, k - 1)));
      return w.End(*o, ended, c.pastoral, true, ThriveEnd(r, p));
    }
    case Path::kRisk: {
      int k = c.overdue ? r.Between(21, 70) : r.Between(3, 70);
      Date on = w.Ago(k);
      auto o = w.Start("risk_reduction_plan", c.pupil, on, c.slt,
                       RiskStart(r, p, RecordsBefore(c, on, 3)), "", counts);
      if (!o.ok()) return o.status();
      return ReviewsDue(
          w, *o, c, c.pastoral, [&](Date) { return RiskReview(r, p); }, counts);
    }
  }
  return Status::Ok();
}

// The staff of the school, by role name, and each one's name and role.
struct Roster {
  std::map<std::string, std::vector<long long>> by_role;
  std::map<long long, std::string> names, roles;
  long long Any(DemoRandom& r, const std::string& role) const {
    auto it = by_role.find(role);
    return it == by_role.end() || it->second.empty() ? 0 : r.Pick(it->second);
  }
  std::string Name(long long id) const {
    auto it = names.find(id);
    return it == names.end() ? "" : it->second;
  }
};

// Who is named on the child's plans.
void Name(Child& c, const Roster& staff, const std::map<long long, long long>& tutors,
          const std::vector<Contact>& contacts, unsigned long long seed) {
  DemoRandom r(seed, "plan_people", static_cast<int>(c.pupil.id));
  auto tutor = tutors.find(c.pupil.form_id);
  c.tutor = tutor != tutors.end() && staff.roles.count(tutor->second) &&
                    staff.roles.at(tutor->second) == "teacher"
                ? tutor->second
                : staff.Any(r, "teacher");
  c.lsa = staff.Any(r, "support");
  c.slt = staff.Any(r, "senior");
  c.pastoral = staff.Any(r, "pastoral");
  if (!c.pastoral) c.pastoral = c.slt;
  long long key =
      staff.names.count(c.pupil.key_adult_staff_id) ? c.pupil.key_adult_staff_id : c.lsa;
  PlanPeople& p = c.people;
  p.child = c.pupil.ShownFirstName();
  p.tutor = staff.Name(c.tutor);
  p.lsa = staff.Name(c.lsa);
  p.key_adult = staff.Name(key);
  p.slt = staff.Name(c.slt);
  p.pastoral = staff.Name(c.pastoral);
  p.mentor = staff.Name(r.Chance(0.5) ? key : staff.Any(r, r.Chance(0.5) ? "support" : "teacher"));
  p.parent = "Parent or carer";
  p.parent_words = "parent";
  if (!contacts.empty()) {
    static const std::map<std::string, std::string> kWords = {
        {"Mother", "mum"},         {"Father", "dad"},       {"Stepfather", "stepdad"},
        {"Stepmother", "stepmum"}, {"Grandmother", "gran"}, {"Grandfather", "grandad"},
        {"Aunt", "aunt"},          {"Uncle", "uncle"},      {"Foster carer", "foster carer"}};
    p.parent = contacts.front().name;
    auto words = kWords.find(contacts.front().relationship);
    p.parent_words = words == kWords.end() ? "carer" : words->second;
  }
}

// About one child in thirty-three, at least six: those whose records show
// the most distress, among some drawn at random, take the paths of most need.
Result<std::vector<Child>> Choose(Store& store, long long school_id, unsigned long long seed) {
  PupilFilter everyone;
  everyone.limit = 1000000;
  auto pupils = store.ListPupils(school_id, everyone);
  if (!pupils.ok()) return pupils.status();
  std::sort(pupils->begin(), pupils->end(),
            [](const Pupil& a, const Pupil& b) { return a.id < b.id; });
  size_t n = std::min(pupils->size(), std::max<size_t>(6, (pupils->size() * 3 + 50) / 100));
  DemoRandom r(seed, "plan_children", static_cast<int>(school_id));
  r.Shuffle(*pupils);
  pupils->resize(std::min(pupils->size(), 3 * n));
  std::vector<std::pair<long long, size_t>> hard;  // difficult records, index
  for (size_t i = 0; i < pupils->size(); ++i) {
    auto count = store.CountPupilRecords(HardMoments(school_id, (*pupils)[i].id));
    if (!count.ok()) return count.status();
    hard.push_back({*count, i});
  }
  std::stable_sort(hard.begin(), hard.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });

  std::vector<Path> paths = {Path::kDprThenWap, Path::kDprNow, Path::kDprSucceeded,
                             Path::kZone6,      Path::kThrive, Path::kRisk};
  const std::vector<Path> kAll = {Path::kRisk,        Path::kDprThenWap, Path::kWap,
                                  Path::kThrive,      Path::kZone6,      Path::kDprNow,
                                  Path::kDprSucceeded};
  while (paths.size() < n) paths.push_back(kAll[r.Weighted({8, 15, 15, 7, 15, 22, 18})]);
  paths.resize(n);
  std::sort(paths.begin(), paths.end());

  std::vector<Child> out;
  bool overdue_yet = false;
  for (size_t i = 0; i < n; ++i) {
    Child c;
    c.pupil = (*pupils)[hard[i].second];
    c.path = paths[i];
    bool reviewed = c.path == Path::kDprThenWap || c.path == Path::kWap || c.path == Path::kRisk;
    // The first WAP after Daily Positive Reporting always has a review
    // overdue, so the demo shows one; about a third of the others do.
    c.overdue = reviewed && ((!overdue_yet && c.path == Path::kDprThenWap) || r.Chance(0.35));
    if (c.path == Path::kDprThenWap) overdue_yet = true;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<DemoPlans> AddDemoPlans(Store& store, long long school_id, unsigned long long seed,
                               Date today) {
  PolicyService policies(store);
  auto loaded = policies.InForce(school_id, today);
  if (!loaded.ok()) return loaded.status();
  SchoolClock clock(store);
  auto time = clock.For(school_id);
  if (!time.ok()) return time.status();
  std::vector<Date> days;
  for (auto d = (*time)->PreviousSchoolDay(today); d && days.size() < size_t(kSchoolDaysBack);
       d = (*time)->PreviousSchoolDay(*d)) {
    days.push_back(*d);
  }
  DemoPlans total;
  if (days.size() < size_t(kSchoolDaysBack)) return total;  // the calendar begins too recently

  auto staff = store.ListStaff(school_id);
  if (!staff.ok()) return staff.status();
  Roster roster;
  for (const auto& m : *staff) {
    if (!m.active) continue;
    roster.by_role[RoleName(m.role)].push_back(m.id);
    roster.names[m.id] = m.name;
    roster.roles[m.id] = RoleName(m.role);
  }
  if (roster.by_role["senior"].empty() || roster.by_role["teacher"].empty() ||
      roster.by_role["support"].empty()) {
    return Status::Invalid("the school needs senior leaders, teachers and support staff", "staff");
  }
  auto forms = store.ListForms(school_id);
  if (!forms.ok()) return forms.status();
  std::map<long long, long long> tutors;
  for (const auto& f : *forms) tutors[f.id] = f.tutor_staff_id;

  auto children = Choose(store, school_id, seed);
  if (!children.ok()) return children.status();
  for (auto& c : *children) {
    auto contacts = store.ListContacts(school_id, c.pupil.id);
    if (!contacts.ok()) return contacts.status();
    Name(c, roster, tutors, *contacts, seed);
    auto records = store.ListPupilRecords(HardMoments(school_id, c.pupil.id));
    if (!records.ok()) return records.status();
    for (auto& rec : *records) {
      if (!rec.restricted) c.records.push_back(std::move(rec));
    }
  }

  PlanWriter writer(store, *loaded->policy, **time, today, std::move(days), roster.roles);
  Status failure;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      DemoPlans counts;
      Status st;
      for (size_t i = t; i < children->size() && st.ok(); i += kThreads) {
        st = WriteChild(writer, (*children)[i], seed, counts);
        ++counts.pupils;
      }
      std::lock_guard<std::mutex> lock(mu);
      if (!st.ok() && failure.ok()) failure = st;
      total.pupils += counts.pupils;
      total.plans += counts.plans;
      total.entries += counts.entries;
      total.overdue_reviews += counts.overdue_reviews;
    });
  }
  for (auto& t : threads) t.join();
  if (!failure.ok()) return failure;
  return total;
}

}  // namespace attune::demo
