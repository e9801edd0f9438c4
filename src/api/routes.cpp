// The API's route table: every route names the permission it needs.
#include "api/handlers.h"
#include "api/site.h"

namespace attune::api {

http::Router BuildRouter(const ApiContext* ctx) {
  http::Router r;
  auto bind = [ctx](http::Response (*fn)(const ApiContext&, http::Request&)) {
    return [ctx, fn](http::Request& req) {
      // A query the API cannot read is refused, never answered as if the
      // filters in it had not been asked.
      if (!req.query_problem.empty()) {
        return JsonError(
            Status::BadRequest("The query string could not be read: " + req.query_problem +
                               ". Percent-encode it as UTF-8 (%C3%A9 for é)."));
      }
      return WithReadsAudited(*ctx, req, fn(*ctx, req));
    };
  };
  using P = Permission;
  // A parent or carer's token reads these too, narrowed to their own
  // children and what families may see (api/family.h).
  r.AddEither("GET", "/api/v1/me", P::kSignedIn, P::kFamilyView, bind(GetMe));
  r.AddEither("GET", "/api/v1/pupils", P::kPupilsView, P::kFamilyView, bind(ListPupils));
  r.AddEither("GET", "/api/v1/pupils/([0-9]+)", P::kPupilsView, P::kFamilyView, bind(GetPupil),
              "/api/v1/pupils/1");
  r.Add("PUT", "/api/v1/pupils/([0-9]+)/profile", P::kProfileEdit, bind(PutPupilProfile),
        "/api/v1/pupils/1/profile");
  r.Add("GET", "/api/v1/pupils/([0-9]+)/plans", P::kPupilsView, bind(ListPupilPlans),
        "/api/v1/pupils/1/plans");
  r.Add("GET", "/api/v1/plans", P::kPupilsView, bind(ListPlans));
  r.Add("POST", "/api/v1/plans", P::kPlansWrite, bind(CreatePlan));
  r.Add("GET", "/api/v1/plans/([0-9]+)", P::kPupilsView, bind(GetPlan), "/api/v1/plans/1");
  r.Add("POST", "/api/v1/plans/([0-9]+)/entries", P::kPlansWrite, bind(CreatePlanEntry),
        "/api/v1/plans/1/entries");
  r.Add("POST", "/api/v1/plans/([0-9]+)/reviews", P::kPlansWrite, bind(CreatePlanReview),
        "/api/v1/plans/1/reviews");
  r.Add("POST", "/api/v1/plans/([0-9]+)/signatures", P::kPlansWrite, bind(CreatePlanSignature),
        "/api/v1/plans/1/signatures");
  r.Add("POST", "/api/v1/plans/([0-9]+)/end", P::kPlansWrite, bind(EndPlan), "/api/v1/plans/1/end");
  r.Add("GET", "/api/v1/policy", P::kPolicyView, bind(GetPolicy));
  r.Add("POST", "/api/v1/incidents", P::kIncidentsRecord, bind(CreateIncident));
  r.AddEither("GET", "/api/v1/incidents", P::kIncidentsView, P::kFamilyView, bind(ListIncidents));
  r.AddEither("GET", "/api/v1/incidents/([0-9]+)", P::kIncidentsView, P::kFamilyView,
              bind(GetIncident), "/api/v1/incidents/1");
  r.Add("GET", "/api/v1/incidents/([0-9]+)/amends", P::kIncidentsView, bind(ListAmends),
        "/api/v1/incidents/1/amends");
  r.Add("POST", "/api/v1/incidents/([0-9]+)/amends", P::kRestorativeRecord, bind(CreateAmends),
        "/api/v1/incidents/1/amends");
  r.Add("POST", "/api/v1/incidents/([0-9]+)/suspension", P::kSuspensionDecide,
        bind(DecideSuspension), "/api/v1/incidents/1/suspension");
  r.Add("POST", "/api/v1/incidents/([0-9]+)/suspension/notices", P::kSuspensionDecide,
        bind(MarkSuspensionNotice), "/api/v1/incidents/1/suspension/notices");
  r.Add("GET", "/api/v1/actions", P::kIncidentsView, bind(ListActions));
  r.Add("GET", "/api/v1/actions/([0-9]+)", P::kIncidentsView, bind(GetAction), "/api/v1/actions/1");
  r.Add("POST", "/api/v1/actions/([0-9]+)/complete", P::kIncidentsView, bind(CompleteAction),
        "/api/v1/actions/1/complete");
  r.Add("POST", "/api/v1/actions/([0-9]+)/reassign", P::kIncidentsView, bind(ReassignAction),
        "/api/v1/actions/1/reassign");
  r.Add("GET", "/api/v1/restorative", P::kIncidentsView, bind(ListRestorative));
  r.Add("POST", "/api/v1/restorative", P::kRestorativeRecord, bind(CreateRestorative));
  r.Add("POST", "/api/v1/restorative/([0-9]+)/repair", P::kRestorativeRecord,
        bind(RepairRestorative), "/api/v1/restorative/1/repair");
  r.Add("POST", "/api/v1/incidents/([0-9]+)/no-repair", P::kNoRepairRecord, bind(RecordNoRepair),
        "/api/v1/incidents/1/no-repair");
  r.Add("GET", "/api/v1/contacts", P::kIncidentsView, bind(ListContactLog));
  r.Add("POST", "/api/v1/contacts", P::kRestorativeRecord, bind(CreateContactLog));
  r.Add("GET", "/api/v1/training", P::kPolicyManage, bind(ListTraining));
  r.Add("POST", "/api/v1/training", P::kPolicyManage, bind(CreateTraining));
  // Every member of staff: their own recording; the school's for insight.school.
  r.Add("GET", "/api/v1/insight", P::kSignedIn, bind(GetInsight));
  r.Add("GET", "/api/v1/insight/equity", P::kPupilsViewSensitive, bind(GetInsightEquity));
  r.Add("GET", "/api/v1/staff", P::kStaffManage, bind(ListStaff));
  r.Add("POST", "/api/v1/staff", P::kStaffManage, bind(CreateStaff));
  return r;
}

}  // namespace attune::api
