// Writing emails into the outbox on the group-commit writer's connection,
// inside the transaction of what causes them (decision 0025).
#pragma once

#include <vector>

#include "model/mail.h"
#include "storage/sql/group_commit.h"

namespace attune::sql {

// Writes one outbox row per member of staff each mail reaches who has an
// email address (storage/sql/reach.h), due at once, each with its own
// Message-ID. `record_id`, when not 0, replaces kRecordIdMark in subject
// and body. `at` is Unix seconds. Returns the rows written; safe to run
// again after a rollback. Throws on a storage failure.
int WriteMails(WriteSession& w, long long school_id, const std::vector<NewMail>& mails,
               long long record_id, long long at);

}  // namespace attune::sql
