// PostgreSQL expression text cut into tokens, for canonical_expression(): spacing, case and
// quoting differences vanish once the tokens are printed back one way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace miglint::schema {

struct ExpressionToken {
  enum class Kind { Word, QuotedIdentifier, String, Number, Operator, Punctuation };
  Kind kind = Kind::Word;
  // Word: lower-cased. QuotedIdentifier: the name without quotes. String: the literal as written
  // (quotes, prefix and escapes kept). Operator/Punctuation/Number: as written.
  std::string text;
};

std::vector<ExpressionToken> tokenize_expression(std::string_view text);

inline bool is_punct(const ExpressionToken& t, std::string_view p) {
  return t.kind == ExpressionToken::Kind::Punctuation && t.text == p;
}
inline bool is_word(const ExpressionToken& t, std::string_view w) {
  return t.kind == ExpressionToken::Kind::Word && t.text == w;
}

}  // namespace miglint::schema
