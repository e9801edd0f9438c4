// The MIS import pages (decision 0032): the upload and the list of imports
// (import_upload.cpp), and one import's report with "Apply"
// (import_show.cpp). Shared here: the report as the templates read it.
#pragma once

#include <nlohmann/json.hpp>

#include "http/request.h"
#include "http/response.h"
#include "import/report.h"
#include "web/context.h"

namespace attune::web {

// `report`'s counts, places in groups, notes, bad rows and changes for the
// templates (partials/import_report).
nlohmann::json ImportReportView(const import::ImportReport& report);

// Renders /import; `error` (when not OK) says why an upload was refused.
http::Response RenderImportIndex(const WebContext& ctx, const http::Request& req,
                                 const Status& error);

}  // namespace attune::web
