// The rule for reading a record (model/incident.h, MayReadRecord) as SQL,
// so that every list of records, and of what belongs to one (actions,
// proposals, restorative conversations, contact with home), is filtered by
// the same rule as reading the record itself.
#pragma once

// clang-format off
// Whether `viewer` is one of the roles restricted record `row` names.
#define ATTUNE_SQL_NAMED_READER(row, viewer)                                             \
  "(" viewer " <> '' AND (',' || " row ".visible_to || ',') LIKE '%,' || " viewer " || ',%')"

// A condition on the incidents row `i` (NULL for an item that belongs to no
// record) for the reader whose RestrictedReaderName is in the parameter
// `viewer` ("" reads no restricted record). A macro so that it joins string
// literals: kept statements are keyed by their literal text.
#define ATTUNE_SQL_READABLE(viewer)                                  \
  "(i.id IS NULL OR i.restricted = 0 OR " ATTUNE_SQL_NAMED_READER("i", viewer) ")"

// The same rule for a long list of items that belong to records (the
// team's queue of thousands of actions), without joining each item to its
// record: `record_id` (a column, NULL for none) must not be one of the
// school's restricted records the reader may not read. That set is found
// once, from the partial index of restricted records (migration 0020),
// and is small however large the school's history.
#define ATTUNE_SQL_NOT_HIDDEN(record_id, school, viewer)                                  \
  "(" record_id " IS NULL OR " record_id " NOT IN (SELECT r.id FROM incidents r WHERE "   \
  "r.school_id = " school " AND r.restricted = 1 AND NOT " ATTUNE_SQL_NAMED_READER("r", viewer) "))"

// clang-format on

#include <string>
#include <string_view>

namespace attune::sql {

// ATTUNE_SQL_NOT_HIDDEN for a statement built at run time, with parameter
// names made there: the same text, its three places filled in.
inline std::string NotHiddenSql(std::string_view record_id, std::string_view school,
                                std::string_view viewer) {
  std::string out;
  for (char c : std::string_view(ATTUNE_SQL_NOT_HIDDEN("\x01", "\x02", "\x03"))) {
    if (c == '\x01') {
      out += record_id;
    } else if (c == '\x02') {
      out += school;
    } else if (c == '\x03') {
      out += viewer;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace attune::sql
