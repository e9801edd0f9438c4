// What every page handler needs: the services, the renderer and the
// settings that shape cookies. Built once in `attune serve`.
//
// Thread-safety: shared read-only between request threads.
#pragma once

#include <chrono>
#include <string>

#include "http/router.h"
#include "import/import_service.h"
#include "services/action_service.h"
#include "services/auth_service.h"
#include "services/day_service.h"
#include "services/family_service.h"
#include "services/group_service.h"
#include "services/incident_service.h"
#include "services/insight_service.h"
#include "services/notification_service.h"
#include "services/oidc_service.h"
#include "services/outbox_service.h"
#include "services/plan_service.h"
#include "services/policy_service.h"
#include "services/pupil_service.h"
#include "services/restorative_service.h"
#include "services/school_clock.h"
#include "services/second_factor_service.h"
#include "services/staff_service.h"
#include "services/suspension_service.h"
#include "storage/store.h"
#include "web/render.h"

namespace attune::web {

struct WebContext {
  Store& store;
  AuthService& auth;
  SecondFactorService& second_factor;
  StaffService& staff;
  PupilService& pupils;
  DayService& days;
  PolicyService& policies;
  IncidentService& incidents;
  ActionService& actions;
  RestorativeService& restorative;
  PlanService& plans;
  SuspensionService& suspensions;
  NotificationService& notifications;
  InsightService& insight;
  OutboxService& outbox;
  FamilyService& families;
  SchoolClock& clock;
  const Renderer& renderer;
  bool secure_cookies = false;
  std::chrono::hours session_length{12};
  std::string version;
  // The pages' route table, set once it is built; where sign-in may lead.
  const http::Router* router = nullptr;
  // Sign-in through the school's OpenID Connect providers (decision 0031),
  // set once built; null when none is configured.
  OidcService* oidc = nullptr;
  // The MIS import page's service (decision 0032), set by `attune serve`.
  import::ImportService* imports = nullptr;
  // Trusts' and local authorities' figures (decision 0034); set by serve.
  GroupService* groups = nullptr;
};

// Cookie names.
inline constexpr const char* kSessionCookie = "attune_session";
inline constexpr const char* kPreSignInCookie = "attune_pre";  // CSRF before sign-in
// The state of a sign-in begun at a provider, for its return (decision 0031).
inline constexpr const char* kOidcStateCookie = "attune_oidc";

// The bell's count, asked for by an open page every minute
// (NotificationsBadge): the one route that does not extend the session.
inline constexpr const char* kBadgePath = "/notifications/badge";

}  // namespace attune::web
