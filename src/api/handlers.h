// Every API action, one file per resource (api/<resource>.cpp).
#pragma once

#include "api/context.h"
#include "http/request.h"
#include "http/response.h"

namespace attune::api {

http::Response GetMe(const ApiContext& ctx, http::Request& req);
http::Response ListPupils(const ApiContext& ctx, http::Request& req);
http::Response GetPupil(const ApiContext& ctx, http::Request& req);
http::Response PutPupilProfile(const ApiContext& ctx, http::Request& req);
http::Response ListStaff(const ApiContext& ctx, http::Request& req);
http::Response CreateStaff(const ApiContext& ctx, http::Request& req);
http::Response GetPolicy(const ApiContext& ctx, http::Request& req);
http::Response CreateIncident(const ApiContext& ctx, http::Request& req);
http::Response ListIncidents(const ApiContext& ctx, http::Request& req);
http::Response GetIncident(const ApiContext& ctx, http::Request& req);
http::Response ListAmends(const ApiContext& ctx, http::Request& req);
http::Response CreateAmends(const ApiContext& ctx, http::Request& req);
http::Response ListTraining(const ApiContext& ctx, http::Request& req);
http::Response CreateTraining(const ApiContext& ctx, http::Request& req);
http::Response ListActions(const ApiContext& ctx, http::Request& req);
http::Response GetAction(const ApiContext& ctx, http::Request& req);
http::Response CompleteAction(const ApiContext& ctx, http::Request& req);
http::Response ReassignAction(const ApiContext& ctx, http::Request& req);
http::Response ListPlans(const ApiContext& ctx, http::Request& req);
http::Response ListPupilPlans(const ApiContext& ctx, http::Request& req);
http::Response GetPlan(const ApiContext& ctx, http::Request& req);
http::Response CreatePlan(const ApiContext& ctx, http::Request& req);
http::Response CreatePlanEntry(const ApiContext& ctx, http::Request& req);
http::Response CreatePlanReview(const ApiContext& ctx, http::Request& req);
http::Response CreatePlanSignature(const ApiContext& ctx, http::Request& req);
http::Response EndPlan(const ApiContext& ctx, http::Request& req);
http::Response ListRestorative(const ApiContext& ctx, http::Request& req);
http::Response CreateRestorative(const ApiContext& ctx, http::Request& req);
http::Response RepairRestorative(const ApiContext& ctx, http::Request& req);
http::Response RecordNoRepair(const ApiContext& ctx, http::Request& req);
http::Response ListContactLog(const ApiContext& ctx, http::Request& req);
http::Response CreateContactLog(const ApiContext& ctx, http::Request& req);
http::Response DecideSuspension(const ApiContext& ctx, http::Request& req);
http::Response MarkSuspensionNotice(const ApiContext& ctx, http::Request& req);
http::Response GetInsight(const ApiContext& ctx, http::Request& req);
http::Response GetInsightEquity(const ApiContext& ctx, http::Request& req);

}  // namespace attune::api
