// A fictional secondary school's MIS export in OneRoster 1.1 CSV, for
// trying and timing the MIS import (`attune demo oneroster`, issue 16):
// the school in its trust, the school year and its terms, a course and
// teaching groups for each subject and year (sets named as the demo's,
// "8x/Ma1"), forms of about thirty ("7A"), staff (teachers, teaching
// assistants, office administrators), pupils of Years 7 to 11 with UPNs
// that pass the DfE check, their year groups, dates of birth and sex, a
// parent or carer each, and every enrollment. Names come from the demo
// school's lists: fictional, mixed-heritage, the same for the same seed.
//
// Thread-safety: a pure function of its options (and the folder it writes).
#pragma once

#include <string>

#include "core/status.h"

namespace attune::demo {

struct OneRosterExportOptions {
  std::string out;                     // the folder to write (created when missing)
  int pupils = 2000;                   // Default: 2000
  int staff = 0;                       // Default: 0, 3 for every 100 pupils (at least 30)
  unsigned long long seed = 20260901;  // Default: 20260901
};

// What was written, for the command's summary.
struct OneRosterExportCounts {
  int staff = 0, pupils = 0, forms = 0, groups = 0;
  long long enrollments = 0;
};

// Writes manifest.csv, orgs.csv, academicSessions.csv, courses.csv,
// classes.csv, users.csv, demographics.csv and enrollments.csv into
// `options.out`. Invalid when the folder cannot be written.
Result<OneRosterExportCounts> WriteOneRosterExport(const OneRosterExportOptions& options);

}  // namespace attune::demo
