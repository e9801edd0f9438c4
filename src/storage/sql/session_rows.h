// What the session tables of each kind of account share (sessions of
// families, family_queries.cpp; of trusts' and authorities' people,
// organisation_queries.cpp): one row's values in one order, and the
// statements that touch a session by the hash of its id.
#pragma once

#include <string_view>

#include "storage/session_store.h"
#include "storage/sql/connection_pool.h"
#include "storage/sql/row.h"

namespace attune::sql {

// Binds ?1 to ?9 of an INSERT of `s`: id_hash, its owner (the school or
// organisation), its account, csrf_token, created_at, last_seen_at,
// expires_at, ip, user_agent.
inline void BindSession(Rows& r, const SessionRecord& s) {
  r.Bind(1, std::string_view(s.id_hash))
      .Bind(2, s.school_id)
      .Bind(3, s.staff_id)
      .Bind(4, std::string_view(s.csrf_token))
      .Bind(5, ToUnix(s.created_at))
      .Bind(6, ToUnix(s.last_seen_at))
      .Bind(7, ToUnix(s.expires_at))
      .Bind(8, std::string_view(s.ip))
      .Bind(9, std::string_view(s.user_agent));
}

// Runs `text` (?1 the id's hash; for a touch, ?2 now and ?3 the new expiry)
// on one session.
inline void RunOnSession(ConnectionPool::Lease& sql, const char* text, std::string_view id_hash,
                         Timestamp now = {}, Timestamp expires = {}) {
  Rows r = sql.Query(text);
  r.Bind(1, id_hash);
  if (expires != Timestamp{}) r.Bind(2, ToUnix(now)).Bind(3, ToUnix(expires));
  r.Next();
}

}  // namespace attune::sql
