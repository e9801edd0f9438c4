// Record search on PostgreSQL folds words as SQLite's index does (migration
// 0035, decision 0036): attune_fold and the 'simple' configuration read every
// Latin letter as SQLite's unicode61 tokenizer reads it (record_words.h,
// which attune's excerpt uses), and a database made before 0035 has its
// records' words folded by it. Run only with ATTUNE_TEST_PG set to a
// cluster's folder (scripts/pg-cluster.sh start DIR).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "pg_test_database.h"
#include "storage/sql/record_words.h"
#include "storage/sql/sql_store.h"
#include "storage/store.h"

namespace attune::sql {
namespace {

class PgRecordWordsTest : public testing::PgDatabaseTest {
 protected:
  PgRecordWordsTest() : PgDatabaseTest("words") {}

  // Brings the database to this version's schema through the store.
  void Migrate() {
    StoreOptions options;
    options.path = url_;
    options.pool_size = 1;
    auto store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Status migrated = (*store)->Migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.ToString();
  }

  std::vector<std::string> Texts(const char* sql, const std::string& bound = "") {
    auto st = c_->Prepare(sql);
    if (!bound.empty()) st->Bind(1, std::string_view(bound));
    std::vector<std::string> out;
    while (st->Step()) out.emplace_back(st->TextView(0));
    st->Reset();
    return out;
  }
};

// UTF-8 for one code point.
std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

TEST_F(PgRecordWordsTest, EveryLatinLetterIsReadAsSQLiteReadsIt) {
  Migrate();
  // Each Latin letter of Latin-1, Extended-A and -B and Extended
  // Additional inside a word, and words with combining accents.
  std::vector<std::string> words;
  for (char32_t c = 0xC0; c <= 0x24F; ++c) words.push_back("a" + Utf8(c) + "b");
  for (char32_t c = 0x1E00; c <= 0x1EFF; ++c) words.push_back("a" + Utf8(c) + "b");
  words.push_back("Zoe\xCC\x88");           // e and a combining diaeresis
  words.push_back("CAFE\xCC\x81");          // E and a combining acute
  words.push_back("vie\xCC\x82\xCC\xA3t");  // two accents on one letter
  // SQLite folds these four and PostgreSQL does not, or the other way
  // round; none is written in a school today (decision 0036).
  const std::set<std::string> apart = {"a" + Utf8(0x17F) + "b", "a" + Utf8(0x1E0) + "b",
                                       "a" + Utf8(0x1E1) + "b", "a" + Utf8(0x1E9B) + "b"};
  std::string all;
  for (const auto& w : words) all += (all.empty() ? "" : "\n") + w;
  // The lexemes of each word's tsvector, as the words column makes it.
  std::vector<std::string> lexemes = Texts(
      "SELECT array_to_string(tsvector_to_array(to_tsvector('simple', regexp_replace("
      "attune_fold(w), '[^[:alnum:]]+', ' ', 'g'))), ' ') FROM unnest(string_to_array(?1, "
      "E'\\n')) WITH ORDINALITY AS u(w, n) ORDER BY n",
      all);
  ASSERT_EQ(lexemes.size(), words.size());
  int compared = 0;
  for (size_t k = 0; k < words.size(); ++k) {
    if (apart.count(words[k])) continue;
    std::vector<std::string> folded;
    for (const auto& w : RecordWords(words[k])) folded.push_back(w.folded);
    std::sort(folded.begin(), folded.end());  // as tsvector_to_array lists them
    std::string sqlite;
    for (const auto& f : folded) sqlite += (sqlite.empty() ? "" : " ") + f;
    EXPECT_EQ(lexemes[k], sqlite) << words[k];
    ++compared;
  }
  EXPECT_EQ(compared, 400 + 256 + 3 - 4);
}

TEST_F(PgRecordWordsTest, RecordsMadeBeforeTheMigrationAreFoundByTheirWordsUnaccented) {
  // The database as 0034 left it, one migration at a time as the store
  // applies them.
  c_->Exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at BIGINT NOT NULL)");
  for (const auto& m : PostgresMigrations()) {
    int version = std::stoi(std::string(m.name.substr(0, 4)));
    if (version > 34) break;
    c_->Exec(std::string(m.content).c_str());
    c_->Exec(("INSERT INTO schema_migrations VALUES (" + std::to_string(version) + ", '" +
              std::string(m.name) + "', 0)")
                 .c_str());
  }
  // Two records' words, written straight in (the records they belong to
  // are beside the point: replica mode skips the foreign key's check).
  c_->Exec(
      "SET session_replication_role = replica; "
      "INSERT INTO record_words VALUES (1, 'Zoë left the café', '', '', ''), "
      "(2, '', 'A naïve remark', '', 'Sorry, Zoe'); "
      "SET session_replication_role = origin");
  const char* found =
      "SELECT string_agg(incident_id::text, ' ' ORDER BY incident_id) FROM record_words WHERE "
      "words @@ to_tsquery('simple', ?1)";
  ASSERT_EQ(Texts(found, "'zoe'"), std::vector<std::string>{"2"});  // before: Zoë is not zoe

  Migrate();
  // 0035 applied (and any that came after it).
  EXPECT_EQ(Texts("SELECT COUNT(*)::text FROM schema_migrations WHERE version = 35"),
            std::vector<std::string>{"1"});
  const char* folded =
      "SELECT string_agg(incident_id::text, ' ' ORDER BY incident_id) FROM record_words WHERE "
      "words @@ to_tsquery('simple', attune_fold(?1))";
  EXPECT_EQ(Texts(folded, "'zoe'"), std::vector<std::string>{"1 2"});
  EXPECT_EQ(Texts(folded, "'ZOË'"), std::vector<std::string>{"1 2"});
  EXPECT_EQ(Texts(folded, "'cafe'"), std::vector<std::string>{"1"});
  EXPECT_EQ(Texts(folded, "'NAIVE'"), std::vector<std::string>{"2"});
  EXPECT_EQ(Texts(folded, "'caf':*"), std::vector<std::string>{"1"});
  // The words' index came back with the column.
  EXPECT_EQ(Texts("SELECT indexname::text FROM pg_indexes WHERE indexname = 'record_words_words'"),
            std::vector<std::string>{"record_words_words"});
}

}  // namespace
}  // namespace attune::sql
