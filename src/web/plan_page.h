// The plan page, shared by showing it and by a form on it that failed (the
// error shown beside that form, what was typed kept).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "web/context.h"
#include "web/plan_form.h"

namespace attune::web {

// A failed form on the plan page: which ("entry", "review", "sign",
// "end"), the refusal, and what was typed.
struct PlanFormError {
  explicit PlanFormError(std::string form_name, nlohmann::json typed = nlohmann::json::object(),
                         std::string typed_on = "")
      : form(std::move(form_name)), values(std::move(typed)), on(std::move(typed_on)) {}
  std::string form;
  Status error;
  nlohmann::json values = nlohmann::json::object();
  std::string on;         // the date as typed
  std::string outcome;    // the end form's choice
  std::string who, name;  // the signature form's
};

// Renders /plans/{id}; `failed` may be null.
http::Response RenderPlanPage(const WebContext& ctx, const http::Request& req, long long plan_id,
                              const PlanFormError* failed);

// Views from home on the plan's page (web/plan_family_views.cpp): the
// panel's view, and what the family's answers fill into the form of each
// stage ("entry", "review", "end") by field id.
struct PlanFamilyViews {
  nlohmann::json panel;
  std::map<std::string, nlohmann::json> prefill;
};
PlanFamilyViews FamilyViewsOfPlan(const WebContext& ctx, const http::Request& req,
                                  const PlanDetail& d, const PlanFormError* failed);

// The pupil's records a plan's form may link, newest first (up to 40),
// read as `by` may read them (restricted ones audited by the service).
std::vector<LinkableRecord> LinkableRecords(const WebContext& ctx, const http::Request& req,
                                            long long pupil_id);

// "Monday 23 November 2026" for a plan's dates; "" for none.
std::string DayWords(const std::optional<Date>& d);

}  // namespace attune::web
