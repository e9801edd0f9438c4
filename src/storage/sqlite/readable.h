// The rule for reading a record (model/incident.h, MayReadRecord) as SQL,
// so that every list of records, and of what belongs to one (actions,
// proposals, restorative conversations, contact with home), is filtered by
// the same rule as reading the record itself.
#pragma once

// A condition on the incidents row `i` (NULL for an item that belongs to no
// record) for the reader whose RestrictedReaderName is in the parameter
// `viewer` ("" reads no restricted record). A macro so that it joins string
// literals: kept statements are keyed by their literal text.
// clang-format off
#define ATTUNE_SQL_READABLE(viewer)                                  \
  "(i.id IS NULL OR i.restricted = 0 OR (" viewer " <> '' AND "      \
  "(',' || i.visible_to || ',') LIKE '%,' || " viewer " || ',%'))"
// clang-format on
