// Who a notice or an email about something reaches, as one SQL condition
// over the school's staff `s`, shared by notifications (decision 0017) and
// the outbox (decision 0025) so they can never disagree: the named member
// of staff, or every active holder of one of the roles; never the author;
// for a restricted record only holders of one of its readers' roles.
#pragma once

#include "storage/sql/row.h"
#include "storage/sql/statement.h"

// The arguments are SQL parameters as string literals ("?1"): the school,
// the author's staff id, the named staff id (0: by role), the roles and the
// readers (each comma-separated, storage/sql/row.h JoinList) and whether
// the record is restricted (0 or 1). A macro, so that the statement stays
// one string literal (kept statements, storage/sql/statement.h).
#define ATTUNE_SQL_STAFF_REACHED(school, author, staff, roles, restricted, readers)       \
  "s.school_id = " school " AND s.active = 1 AND s.id <> " author " AND CASE WHEN " staff \
  " <> 0 THEN s.id = " staff " ELSE (',' || " roles                                       \
  " || ',') LIKE ('%,' || s.role || ',%') END "                                           \
  "AND (" restricted " = 0 OR (',' || " readers " || ',') LIKE ('%,' || s.role || ',%'))"

namespace attune::sql {

// Binds whom `a` (a NewNotice or a NewMail) reaches to five parameters from
// `first` on, in the order ATTUNE_SQL_STAFF_REACHED takes them after the
// school: author, named staff, roles, restricted, readers.
template <typename Addressed>
Statement& BindReach(Statement& st, int first, const Addressed& a) {
  return st.Bind(first, a.author_staff_id)
      .Bind(first + 1, a.staff_id)
      .Bind(first + 2, JoinList(a.roles))
      .Bind(first + 3, static_cast<long long>(a.restricted))
      .Bind(first + 4, JoinList(a.readers));
}

}  // namespace attune::sql
