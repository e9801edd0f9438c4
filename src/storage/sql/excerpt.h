// A record's excerpt around the words searched for, made in attune on
// PostgreSQL as SQLite's FTS5 snippet() makes it (decision 0033): from the
// part of the record with most of the words, at most 16 of its words, the
// matches between RecordHit's marks, "…" where the part goes on. Words are
// split and compared as the index holds them (record_words.h): "zoe" marks
// Zoë, as SQLite's snippet() does.
#pragma once

#include <string>
#include <vector>

namespace attune::sql {

// `parts`: the record's notes and amends, as record_words holds them.
// `match`: the words as record_search.h's MatchExpression writes them
// ("a" "b"*: every word, the last perhaps as the start of one).
std::string Excerpt(const std::vector<std::string>& parts, const std::string& match);

}  // namespace attune::sql
