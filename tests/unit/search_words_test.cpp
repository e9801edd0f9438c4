// The match expression's one reader (core/search_words.h), against what
// services/record_search.h writes.
#include "core/search_words.h"

#include <gtest/gtest.h>

#include "services/record_search.h"

namespace attune {
namespace {

TEST(SearchWords, ReadsEachQuotedWordAndAPrefix) {
  auto terms = ParseMatch(R"("pushed" "clas"*)");
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(terms[0].word, "pushed");
  EXPECT_FALSE(terms[0].prefix);
  EXPECT_EQ(terms[1].word, "clas");
  EXPECT_TRUE(terms[1].prefix);
}

TEST(SearchWords, IgnoresTextOutsideQuotesAndAnUnclosedQuote) {
  auto terms = ParseMatch(R"(x "a" y "b)");
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_EQ(terms[0].word, "a");
  EXPECT_TRUE(ParseMatch("").empty());
}

TEST(SearchWords, ReadsBackWhatTheSearchWrites) {
  // Words in any script stay whole; punctuation separates them; the last
  // word still being typed is a prefix.
  auto match = MatchExpression("Zoë's  game, O'Neill pla");
  ASSERT_TRUE(match.ok());
  auto terms = ParseMatch(*match);
  std::vector<std::string> words;
  for (const auto& t : terms) words.push_back(t.word);
  EXPECT_EQ(words, (std::vector<std::string>{"Zoë", "s", "game", "O", "Neill", "pla"}));
  for (size_t i = 0; i + 1 < terms.size(); ++i) EXPECT_FALSE(terms[i].prefix);
  EXPECT_TRUE(terms.back().prefix);
}

TEST(SearchWords, WordBytesAreLettersDigitsAndAnyNonAsciiByte) {
  EXPECT_TRUE(IsWordByte('a'));
  EXPECT_TRUE(IsWordByte('Z'));
  EXPECT_TRUE(IsWordByte('7'));
  EXPECT_TRUE(IsWordByte(0xC3));
  EXPECT_FALSE(IsWordByte('\''));
  EXPECT_FALSE(IsWordByte('"'));
  EXPECT_FALSE(IsWordByte(' '));
}

}  // namespace
}  // namespace attune
