// How the record search reads words (storage/sql/record_words.h) and the
// excerpt made from them on PostgreSQL (excerpt.h): in any case and with or
// without the accents of Latin letters, as SQLite's index reads them.
#include "storage/sql/record_words.h"

#include <gtest/gtest.h>

#include "storage/incident_store.h"
#include "storage/sql/excerpt.h"

namespace attune::sql {
namespace {

std::vector<std::string> Folded(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& w : RecordWords(text)) out.push_back(w.folded);
  return out;
}

// The excerpt with its marks as [ and ].
std::string Marked(const std::string& text, const std::string& match) {
  std::string out = Excerpt({text}, match);
  for (char& c : out) {
    if (c == RecordHit::kMarkStart) c = '[';
    if (c == RecordHit::kMarkEnd) c = ']';
  }
  return out;
}

TEST(RecordWords, LowerCaseWithoutTheAccentsOfLatinLetters) {
  EXPECT_EQ(Folded("Zoë's CAFÉ, naïve Crème Brûlée Việt"),
            (std::vector<std::string>{"zoe", "s", "cafe", "naive", "creme", "brulee", "viet"}));
  // Decomposed (e and a combining diaeresis) as composed.
  EXPECT_EQ(Folded("Zoe\xCC\x88"), std::vector<std::string>{"zoe"});
}

TEST(RecordWords, LettersOfTheirOwnAndOtherScriptsKeepWhatMakesThem) {
  // As SQLite's unicode61: ł, ø, æ and ß are letters, not accented ones;
  // й is not и.
  EXPECT_EQ(Folded("Łukasz Ærø Straße Йосиф"),
            (std::vector<std::string>{"łukasz", "ærø", "straße", "йосиф"}));
}

TEST(RecordWords, WhereEachWordIsInTheText) {
  const std::string text = "«Zoë» — ran";
  auto words = RecordWords(text);
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(text.substr(words[0].begin, words[0].end - words[0].begin), "Zoë");
  EXPECT_EQ(text.substr(words[1].begin, words[1].end - words[1].begin), "ran");
  EXPECT_TRUE(RecordWords("").empty());
}

TEST(RecordWords, TheExcerptMarksAWordWhateverItsAccentsAndCase) {
  EXPECT_EQ(Marked("Zoë pushed past", R"("zoe")"), "[Zoë] pushed past");
  EXPECT_EQ(Marked("Zoe pushed past", R"("Zoë")"), "[Zoe] pushed past");
  EXPECT_EQ(Marked("At the café at lunch", R"("CAFE")"), "At the [café] at lunch");
  EXPECT_EQ(Marked("A naïve question", R"("naive")"), "A [naïve] question");
  EXPECT_EQ(Marked("Crème brûlée spilt", R"("creme" "BRU"*)"), "[Crème] [brûlée] spilt");
  EXPECT_EQ(Marked("Łukasz and Lukasz", R"("lukasz")"), "Łukasz and [Lukasz]");
}

}  // namespace
}  // namespace attune::sql
