// Reading a OneRoster 1.1 CSV export (IMS Global; docs/import.md): its
// manifest.csv says which files it holds, each "bulk" (the whole of it);
// orgs.csv, academicSessions.csv, courses.csv, classes.csv, users.csv and
// enrollments.csv are needed, demographics.csv is read when present.
// Columns are found by name (OneRoster's names, case-sensitive, with a
// differently cased name accepted), never by position.
//
// English suppliers put the UPN in a user's `identifier` (or a metadata
// column naming "upn") and the year group in `grades` ("07", "Year 7").
// Roles: student is a pupil; teacher, administrator and aide are staff
// (aide starts as support staff, the others as teachers: decision 0032);
// parents and guardians are not imported. Homeroom classes are forms;
// scheduled classes are teaching groups, their subject the course's title.
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <functional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "import/export.h"

namespace attune::import {

// Told as each file is read: its name, and how many of the export's files
// have been read.
using FileProgress = std::function<void(const std::string& file, int done, int total)>;

// Reads the export `files`. Enrollments that ended before `today` or begin
// after it are left out. Invalid, with one message naming the file, when
// the export cannot be read at all: no manifest, a needed file absent or
// not bulk, a file that is not CSV, a header without a needed column.
// Bad rows are Export::problems; the rest is read.
Result<Export> ReadOneRoster(const ExportFiles& files, Date today,
                             const FileProgress& progress = nullptr);

}  // namespace attune::import
