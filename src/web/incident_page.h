// The record page (GET /incidents/{id}), shared by showing it and by a form
// on it that failed: the error is shown beside that form and what was typed
// is kept.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// A failed form on the record page: "restorative", "no_repair", "contact",
// "notice", "escalation", "suspension", "suspension_notice", "amends"; the
// error; the
// form as sent.
struct IncidentFormError {
  std::string form;
  Status error;
  http::FormData typed;
};

// NotFound (the normal 404 page) when there is no such record or the viewer
// may not read it. `failed` may be null.
http::Response RenderIncidentPage(const WebContext& ctx, const http::Request& req, long long id,
                                  const IncidentFormError* failed);

// The record page's suspension section (templates/partials/incident_suspension):
// the decision read-only, or for those who decide, the decision form and the
// two notices, refilled from `failed` when it is a "suspension" or
// "suspension_notice" form. Null JSON when the record is not a suspension.
Result<nlohmann::json> SuspensionSection(const WebContext& ctx, const Principal& by,
                                         const IncidentView& view, const IncidentFormError* failed);

// After a restorative form succeeded: back to the record's restorative
// section, with `message` as the flash and, when the record has just
// closed, saying so. REQUIRES: the viewer may read the record.
http::Response BackToRestorative(const WebContext& ctx, const http::Request& req,
                                 long long incident_id, std::string message);

// The record page's rupture–repair lines and "the repair will not happen"
// section (web/incident_repair.cpp): for each pupil the record asks a repair
// of, where it stands (from `conversations`, the record's); the senior
// leaders' records of why not; and for those who may make one, the form,
// refilled from `failed` when it is a "no_repair" form. `ip` is the
// reader's, for the audit of a restricted record's.
Result<nlohmann::json> RepairSection(const WebContext& ctx, const Principal& by,
                                     const IncidentView& view,
                                     const std::vector<RestorativeConversation>& conversations,
                                     const IncidentFormError* failed, const std::string& ip);

// The record page's amends section (templates/partials/incident_amends):
// what each pupil proposed, in their own words, and for those who record
// restorative work the form, refilled from `failed` when it is an "amends"
// form. Null JSON when the policy asks for no amends here and none are
// recorded.
Result<nlohmann::json> AmendsSection(const WebContext& ctx, const Principal& by,
                                     const IncidentView& view, const IncidentFormError* failed);

}  // namespace attune::web
