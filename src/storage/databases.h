// Where attune's data lives, as the --db flag and `db` setting name it: a
// SQLite file (the default) or a PostgreSQL database as a postgresql://
// URL (decision 0033); and moving a school from the one to the other.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace attune {

// `target` fit for a log or a page: a URL's password replaced by ***.
std::string DescribeDatabase(const std::string& target);

// What CopyStore copied: rows per table, in the order copied, and how many
// sampled rows were compared on both sides.
struct CopyReport {
  std::vector<std::pair<std::string, long long>> tables;
  long long rows_compared = 0;
};

// Copies every row of the SQLite file `from` (migrated first) into the empty
// PostgreSQL database at the URL `to`, ids kept, in one transaction; then
// checks each table's count and compares a sample of rows on both sides.
// `progress` hears each table's rows copied so far.
Result<CopyReport> CopyStore(const std::string& from, const std::string& to,
                             const std::function<void(const std::string&, long long)>& progress);

}  // namespace attune
