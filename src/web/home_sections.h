// The role's own parts of "My day" (web/home_sections.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "core/time.h"
#include "http/request.h"
#include "web/context.h"

namespace attune::web {

// Adds to `view` the sections of the signed-in member of staff's role:
// "team" (the follow-up queue by due time, for actions.manage), "dsl",
// "senco", "senior". Fails only when storage does.
Status AddRoleSections(const WebContext& ctx, const http::Request& req, nlohmann::json& view);

// Adds "reports" to `view`: the plans written in each school day that the
// signed-in member of staff writes on `today`, each with its day's form
// (web/home_reports.cpp). Nothing when there are none.
Status AddDailyReports(const WebContext& ctx, const http::Request& req, Date today,
                       nlohmann::json& view);

}  // namespace attune::web
