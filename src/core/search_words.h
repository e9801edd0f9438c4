// Searching records by the words of their notes (decision 0016): how text
// splits into words, and the match expression that carries what was typed
// from services/record_search.h to the store — each word in double quotes,
// the last perhaps followed by * to match as the start of a word:
// "pushed" "clas"*. One reader of both, for SQLite's FTS5 (which reads the
// expression itself), PostgreSQL's tsquery and attune's own excerpt.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attune {

// ASCII letters and digits make words; so does every byte of a multi-byte
// UTF-8 character, so words in any script stay whole. This is coarser than
// the stores' own split (SQLite's unicode61 tokenizer and the PostgreSQL
// words column also split at a typographic apostrophe or a dash, "Zoë’s"):
// each store splits what it is given again, so what is searched for still
// matches what they indexed.
inline bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct MatchTerm {
  std::string word;     // as quoted: never holds a double quote
  bool prefix = false;  // followed by *: the start of a word
};

// The terms of a match expression, in order; text outside quotes, and an
// unclosed quote, are ignored.
std::vector<MatchTerm> ParseMatch(std::string_view match);

}  // namespace attune
