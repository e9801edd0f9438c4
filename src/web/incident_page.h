// The record page (GET /incidents/{id}), shared by showing it and by a form
// on it that failed: the error is shown beside that form and what was typed
// is kept.
#pragma once

#include <string>

#include "core/status.h"
#include "http/request.h"
#include "http/response.h"
#include "web/context.h"

namespace attune::web {

// A failed form on the record page: "restorative", "contact", "notice",
// "escalation"; the error; the form as sent.
struct IncidentFormError {
  std::string form;
  Status error;
  http::FormData typed;
};

// NotFound (the normal 404 page) when there is no such record or the viewer
// may not read it. `failed` may be null.
http::Response RenderIncidentPage(const WebContext& ctx, const http::Request& req, long long id,
                                  const IncidentFormError* failed);

}  // namespace attune::web
