// Writing notifications on the group-commit writer's connection, inside the
// transaction of what causes them (decision 0017).
#pragma once

#include <vector>

#include "model/notification.h"
#include "storage/sql/group_commit.h"

namespace attune::sql {

// Writes one row per member of staff each notice reaches: the named one,
// or every active member holding one of its roles; never its author, and
// for a restricted record only those whose role is among its readers.
// `at` is Unix seconds. Throws on a storage failure.
void WriteNotices(WriteSession& w, long long school_id, const std::vector<NewNotice>& notices,
                  long long at);

}  // namespace attune::sql
