// The staff admin page, shared by showing it and by a failed form.
#pragma once

#include "http/request.h"
#include "http/response.h"
#include "services/staff_service.h"
#include "web/context.h"

namespace attune::web {

// The staff list's filters from a query string (q, role, status), what is
// not understood dropped; and the query string for them (no "?").
StaffFilter ReadStaffFilter(const http::FormData& query);
std::string StaffQuery(const StaffFilter& filter);

// Renders /staff; `input` refills the add form and `error` marks its field
// (or the page, when the error has no field).
http::Response RenderStaffPage(const WebContext& ctx, const http::Request& req,
                               const NewStaff& input, const Status& error);

}  // namespace attune::web
