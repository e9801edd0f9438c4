#include "storage/sql/record_words.h"

#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace attune::sql {
namespace {

// SQLite's unicode61 tokenizer as record_words is made with it. Its
// methods belong to an in-memory database opened once and kept for the
// life of the process (they are only reachable through one).
struct Unicode61 {
  fts5_tokenizer methods{};
  void* context = nullptr;
};

const Unicode61& Tokenizer() {
  static const Unicode61 found = [] {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open SQLite to split words");
    }
    fts5_api* api = nullptr;
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
      sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", nullptr);
      sqlite3_step(st);
    }
    sqlite3_finalize(st);
    Unicode61 out;
    if (!api || api->xFindTokenizer(api, "unicode61", &out.context, &out.methods) != SQLITE_OK) {
      throw std::runtime_error("SQLite has no FTS5 unicode61 tokenizer");
    }
    return out;
  }();
  return found;
}

int OnWord(void* words, int, const char* token, int size, int begin, int end) {
  static_cast<std::vector<RecordWord>*>(words)->push_back(
      {static_cast<size_t>(begin), static_cast<size_t>(end), std::string(token, size)});
  return SQLITE_OK;
}

}  // namespace

std::vector<RecordWord> RecordWords(std::string_view text) {
  const Unicode61& t = Tokenizer();
  // As migrations/sqlite/0016_record_search.sql names it. One tokenizer
  // per call: each keeps a buffer of its own.
  const char* options[] = {"remove_diacritics", "2"};
  Fts5Tokenizer* made = nullptr;
  if (t.methods.xCreate(t.context, options, 2, &made) != SQLITE_OK) {
    throw std::runtime_error("SQLite's unicode61 tokenizer did not start");
  }
  std::unique_ptr<Fts5Tokenizer, void (*)(Fts5Tokenizer*)> tokenizer(made, t.methods.xDelete);
  std::vector<RecordWord> out;
  t.methods.xTokenize(made, &out, FTS5_TOKENIZE_DOCUMENT, text.empty() ? "" : text.data(),
                      static_cast<int>(text.size()), OnWord);
  return out;
}

}  // namespace attune::sql
