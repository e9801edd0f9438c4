// PlanService::Daily: the plans a member of staff writes in today, for My
// day (issue 13: Daily Positive Reporting "written by the class teacher in a
// few taps from the home page").
#include <algorithm>

#include "services/authorization.h"
#include "services/plan_service.h"

namespace attune {

Result<std::vector<DailyReport>> PlanService::Daily(const Principal& by, Date day) {
  std::vector<DailyReport> out;
  if (!RoleHas(by.role, Permission::kPlansWrite) || !RoleHas(by.role, Permission::kPupilsView)) {
    return out;
  }
  auto time = clock_.For(by.school_id);
  if (!time.ok()) return time.status();
  if (!(*time)->IsSchoolDay(day)) return out;
  auto today = policies_.InForce(by.school_id, day);
  if (!today.ok()) return today.status();
  // The types written daily as today's policy has them; each plan is then
  // read with the policy it started under, as its page and AddEntry do.
  PlanQuery q;
  q.school_id = by.school_id;
  q.viewer_staff_id = by.staff_id;
  q.viewer_sees_all = by.role == Role::kSenior;
  q.close_to_staff_id = by.staff_id;
  q.limit = 200;
  for (const auto& type : today->policy->plans) {
    if (type.entries == policy::Plan::Entries::kDaily) q.types.push_back(type.id);
  }
  if (q.types.empty()) return out;
  auto plans = store_.ListSchoolPlans(q);
  if (!plans.ok()) return plans.status();
  for (auto& plan : *plans) {
    if (day < plan.started_on || (plan.ends_on && *plan.ends_on < day) || !MayRead(by, plan)) {
      continue;
    }
    auto loaded = policies_.InForce(by.school_id, plan.started_on);
    if (!loaded.ok()) return loaded.status();
    const policy::Plan* type = loaded->policy->FindPlan(plan.plan);
    if (!type || type->entries != policy::Plan::Entries::kDaily ||
        !policy::Plan::Lists(type->written_by, RoleName(by.role))) {
      continue;
    }
    DailyReport r{std::move(plan), loaded->policy, type, std::nullopt};
    auto entries = store_.ListPlanEntries(by.school_id, r.plan.id);
    if (!entries.ok()) return entries.status();
    for (auto& e : *entries) {
      if (e.kind == "entry" && e.on == day) r.written = std::move(e);
    }
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const DailyReport& a, const DailyReport& b) {
    return a.plan.pupil_name < b.plan.pupil_name;
  });
  return out;
}

}  // namespace attune
