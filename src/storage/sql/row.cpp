#include "storage/sql/row.h"

#include <spdlog/spdlog.h>

namespace attune::sql {

long long Int(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return 0;
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_integer:
      return row.get<int>(column);
    case soci::dt_long_long:
      return row.get<long long>(column);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(row.get<unsigned long long>(column));
    case soci::dt_double:
      return static_cast<long long>(row.get<double>(column));
    case soci::dt_string: {
      const std::string& s = row.get<std::string>(column);
      try {
        return s.empty() ? 0 : std::stoll(s);
      } catch (const std::exception&) {
        return 0;
      }
    }
    default:
      return 0;
  }
}

std::string Text(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return "";
  switch (row.get_properties(column).get_data_type()) {
    case soci::dt_string:
      return row.get<std::string>(column);
    case soci::dt_integer:
      return std::to_string(row.get<int>(column));
    case soci::dt_long_long:
      return std::to_string(row.get<long long>(column));
    case soci::dt_double:
      return std::to_string(row.get<double>(column));
    default:
      return "";
  }
}

std::optional<Timestamp> OptTime(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  return FromUnix(Int(row, column));
}

std::optional<Date> OptDate(const soci::row& row, std::size_t column) {
  if (row.get_indicator(column) == soci::i_null) return std::nullopt;
  auto d = ParseDate(Text(row, column));
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::string CountSql(const std::string& from_where, long long at_most) {
  if (at_most <= 0) return "SELECT COUNT(*) " + from_where;
  return "SELECT COUNT(*) FROM (SELECT 1 " + from_where + " LIMIT :most) AS counted";
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) continue;
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

bool ConnectionLost(const std::exception& e) {
  std::string_view message = e.what();
  return message.find("no connection to the server") != std::string::npos ||
         message.find("server closed the connection") != std::string::npos ||
         message.find("terminating connection") != std::string::npos ||
         message.find("SQLSTATE 57P") != std::string::npos ||
         message.find("SQLSTATE 08") != std::string::npos ||
         message.find("could not connect") != std::string::npos ||
         message.find("could not send data") != std::string::npos ||
         message.find("could not receive data") != std::string::npos;
}

Status FromException(const std::exception& e, const char* what) {
  std::string message = e.what();
  // SOCI adds the values a failed query was given ("with :v=..."): they may
  // be a pupil's details or a secret, and stay out of the log.
  if (size_t with = message.find(" with :"); with != std::string::npos) message.resize(with);
  if (ConnectionLost(e)) {
    spdlog::error("database unreachable during {}: {}", what, message);
    return Status::Unavailable(
        "The school's records cannot be reached just now; please try again in a moment");
  }
  // SQLite's words, and PostgreSQL's SQLSTATE (pg_connection.cpp) or words.
  if (message.find("UNIQUE constraint failed") != std::string::npos ||
      message.find("SQLSTATE 23505") != std::string::npos ||
      message.find("duplicate key value violates unique constraint") != std::string::npos) {
    return Status::Conflict("That is already recorded");
  }
  if (message.find("database is locked") != std::string::npos ||
      message.find("database is busy") != std::string::npos ||
      message.find("SQLSTATE 40001") != std::string::npos ||
      message.find("SQLSTATE 40P01") != std::string::npos ||
      message.find("SQLSTATE 55P03") != std::string::npos ||
      message.find("could not serialize access") != std::string::npos ||
      message.find("deadlock detected") != std::string::npos) {
    spdlog::warn("storage busy during {}: {}", what, message);
    return Status::Unavailable("The school's records are busy; please try again in a moment");
  }
  spdlog::error("storage failure during {}: {}", what, message);
  return Status::Internal("A storage error stopped this from being saved");
}

}  // namespace attune::sql
