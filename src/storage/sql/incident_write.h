// The rows of one new incident, as the group-commit writer makes them: the
// incident, its pupils, consequences, statutory records, actions,
// escalations and audit entry. Shared with bench/sqlite_insert_floor so the
// peer measures attune's own write.
#pragma once

#include "model/audit.h"
#include "model/incident.h"
#include "storage/sql/group_commit.h"

namespace attune::sql {

// Fills *id and the ids of `n`'s actions and escalations. Safe to run again
// after a rollback (GroupCommitter may). Throws on a storage failure.
void WriteIncident(WriteSession& w, NewIncident& n, long long* id, const AuditEntry& audit);

}  // namespace attune::sql
