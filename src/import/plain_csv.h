// Reading attune's plain pupils and staff CSVs (`attune import csv`), for
// a school whose MIS cannot write OneRoster. The headers are documented in
// docs/import.md; columns are found by name, in any order, and names are
// matched whatever their case.
//
// Pupils: upn, first_name, last_name, date_of_birth (YYYY-MM-DD),
// year_group, sex (F or M) needed; preferred_name, form, sen (N, K or E),
// ethnicity (a DfE code), ehcp, fsm and looked_after (yes or no) read when
// the file has them. Staff: email and name needed; role (for someone new:
// teacher, support, pastoral, senco, dsl, senior or admin; Default:
// teacher) and job_title read when present.
//
// A plain CSV may list only some pupils or staff: no one missing from it
// is marked left (Export::whole is false).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "import/export.h"

namespace attune::import {

enum class PlainKind { kPupils, kStaff };

// Reads `text`, the file called `file`. Invalid, naming the file, when it
// is not CSV or its header lacks a needed column; bad rows are problems.
Result<Export> ReadPlainCsv(PlainKind kind, const std::string& file, std::string_view text);

}  // namespace attune::import
