// The audit log's filters, shared by the audit page and its download.
#pragma once

#include <string>

#include "http/request.h"
#include "storage/audit_store.h"

namespace attune::web {

// The filters as chosen on /audit, read from the query string with what is
// not understood dropped: from and to (YYYY-MM-DD, London days, both
// included), who (a member of staff's id), action (one of
// AuditActionKinds).
struct AuditChoice {
  AuditQuery query;  // limit and offset unset, school_id unset
  std::string from;  // as given, when it is a date
  std::string to;

  bool Filtered() const;
  // The query string for these choices (no "?"), without page and per.
  std::string Query() const;
};
AuditChoice ReadAuditChoice(const http::FormData& query);

}  // namespace attune::web
