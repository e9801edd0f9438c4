// What every API handler needs. Built once in `attune serve`.
#pragma once

#include "services/action_service.h"
#include "services/auth_service.h"
#include "services/family_service.h"
#include "services/incident_service.h"
#include "services/insight_service.h"
#include "services/plan_service.h"
#include "services/policy_service.h"
#include "services/pupil_service.h"
#include "services/restorative_service.h"
#include "services/staff_service.h"
#include "services/suspension_service.h"
#include "storage/store.h"

namespace attune::api {

struct ApiContext {
  Store& store;
  AuthService& auth;
  StaffService& staff;
  PupilService& pupils;
  PolicyService& policies;
  IncidentService& incidents;
  ActionService& actions;
  RestorativeService& restorative;
  SuspensionService& suspensions;
  PlanService& plans;
  InsightService& insight;
  FamilyService& families;
};

}  // namespace attune::api
