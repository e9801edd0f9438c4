// The pupil list's filters and results, shared by the pupils page, its
// htmx fragment (search as you type, with the filters) and its download.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/request.h"
#include "storage/pupil_store.h"
#include "web/context.h"

namespace attune::web {

// The filters as chosen on /pupils, read from the query string with what is
// not understood dropped: q, year (0–14), form (an id), sen (N, K, E),
// plan (yes, no), sort (name, year), per (25, 50), page.
struct PupilChoice {
  PupilFilter filter;  // limit and offset unset
  std::string plan;    // "", "yes", "no"
  std::string sort;    // "name" or "year"

  bool Filtered() const;
  // The query string for these choices (no "?"), without page and per.
  std::string Query() const;
};
PupilChoice ReadPupilChoice(const http::FormData& query);

// The view of fragments/pupil_results for `choice`: how many match, the
// page of pupils, the links between pages and to the download. Reads the
// page with one query and the count with another.
Result<nlohmann::json> PupilResultsView(const WebContext& ctx, const http::Request& req,
                                        const PupilChoice& choice);

}  // namespace attune::web
