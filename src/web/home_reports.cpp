// My day's "Daily reports": each plan written in every school day that the
// signed-in member of staff writes (Daily Positive Reporting: "targets set
// by Class Teacher at the end of each day"), with its day's form inline, so
// the day is written in one tap after typing. The form posts to the plan's
// own entries route (web/plan_write.cpp), which comes back here.
#include "web/home_sections.h"
#include "web/plan_form.h"

namespace attune::web {

using nlohmann::json;

Status AddDailyReports(const WebContext& ctx, const http::Request& req, Date today, json& view) {
  auto daily = ctx.plans.Daily(*req.principal, today);
  if (!daily.ok()) return daily.status();
  json reports = json::array();
  int waiting = 0;
  for (const auto& r : *daily) {
    const policy::Plan& type = *r.type;
    json values = json::object();
    if (r.written) {
      values = StoredFields(r.written->fields);
    } else {
      // Today's target is the one set the day before, until it is changed.
      for (const auto& s : type.sections) {
        for (const auto& f : s.fields) {
          if (s.stage == policy::PlanStage::kEntry && f.shown_when_recording &&
              !r.plan.target.empty()) {
            values[f.id] = r.plan.target;
          }
        }
      }
    }
    std::string id = std::to_string(r.plan.id);
    // The form's guidance is on the plan's page; here, written every day,
    // only the labels.
    json inputs = FormInputs(*r.policy, type, policy::PlanStage::kEntry, values, "", {}, "dr" + id);
    for (auto& section : inputs["sections"]) {
      section.erase("help");
      for (auto& field : section["fields"]) field.erase("help");
    }
    json item = {{"id", r.plan.id},
                 {"pupil", r.plan.pupil_name},
                 {"pupil_href", "/pupils/" + std::to_string(r.plan.pupil_id)},
                 {"plan", r.plan.name.empty() ? type.name : r.plan.name},
                 {"href", "/plans/" + id},
                 {"written", r.written.has_value()},
                 {"on", FormatDate(today)},
                 {"inputs", inputs}};
    if (r.written) {
      item["values"] = FormValues(*r.policy, type, policy::PlanStage::kEntry, values, {});
      item["by"] = r.written->by_name;
    } else {
      ++waiting;
    }
    reports.push_back(std::move(item));
  }
  if (reports.empty()) return Status::Ok();
  view["reports"] = {{"items", reports},
                     {"day", DateWords(today, false)},
                     {"waiting", waiting},
                     {"all_written", waiting == 0}};
  return Status::Ok();
}

}  // namespace attune::web
