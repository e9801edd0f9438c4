// The words of a record's notes as SQLite's record_words reads them
// (migrations/sqlite/0016_record_search.sql: FTS5's unicode61 tokenizer,
// remove_diacritics 2): split on anything but letters and digits, each
// word in lower case with the accents of Latin letters taken off, so
// "Zoë" is zoe and "CAFÉ" is cafe. SQLite's own tokenizer does it, so
// attune's excerpt on PostgreSQL (excerpt.h) finds exactly the words
// SQLite's index would; PostgreSQL's words column folds alike with
// attune_fold (migrations/postgresql/0035_accent_insensitive_search.sql),
// checked against this by tests/unit/pg_record_words_test.cpp.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune::sql {

struct RecordWord {
  size_t begin = 0, end = 0;  // bytes of the text: [begin, end)
  std::string folded;         // as the index holds it
};

// The words of `text`, in order. REQUIRES: `text` is UTF-8.
std::vector<RecordWord> RecordWords(std::string_view text);

}  // namespace attune::sql
