// The API narrowed for a parent or carer (decision 0026): called by the
// shared routes' handlers when the principal is a family's.
#pragma once

#include "api/context.h"
#include "http/request.h"
#include "http/response.h"

namespace attune::api {

bool IsFamily(const http::Request& req);
// GET /api/v1/pupils: their children only.
http::Response FamilyPupils(const ApiContext& ctx, http::Request& req);
// GET /api/v1/pupils/{id}: one of their children, with the plans they take part in.
http::Response FamilyPupil(const ApiContext& ctx, http::Request& req, long long pupil_id);
// GET /api/v1/incidents?pupil=ID: what is shared with them of that child.
http::Response FamilyIncidents(const ApiContext& ctx, http::Request& req);
// GET /api/v1/incidents/{id}: one record shared with them.
http::Response FamilyIncident(const ApiContext& ctx, http::Request& req, long long incident_id);

}  // namespace attune::api
