// canonical_view_definition(): a view's query as comparable text, whether drizzle-kit's query
// builder, a migration's SQL or PostgreSQL's pg_get_viewdef() wrote it.
#include <vector>

#include "schema/expression_tokens.h"
#include "schema/normalize.h"
#include "schema/pg_identifier.h"

namespace miglint::schema {

namespace {

using Token = ExpressionToken;
using Kind = ExpressionToken::Kind;

bool is_name(const Token& t) { return t.kind == Kind::Word || t.kind == Kind::QuotedIdentifier; }

// What pg_get_viewdef() prints differently from the text that made the view, and no rewriting of
// the text can match: SELECT * (it lists the columns), BETWEEN (it prints the two comparisons),
// SIMILAR TO (a regular expression).
bool rewritten_by_postgresql(const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (is_word(tokens[i], "between") || is_word(tokens[i], "similar")) return true;
    const bool star = tokens[i].kind == Kind::Operator && tokens[i].text == "*";
    if (star && i > 0 && (is_word(tokens[i - 1], "select") || is_punct(tokens[i - 1], ",") || is_punct(tokens[i - 1], "."))) {
      return true;
    }
  }
  return false;
}

// Column references without their table or schema (PostgreSQL 15 and older qualify every column
// of a view, 16 only where the query has several tables), the operators PostgreSQL prints for
// LIKE and ILIKE as those words, and a select item's alias dropped where it repeats the name
// PostgreSQL would give the column anyway (count(*) AS count, status AS status).
std::vector<Token> comparable_tokens(const std::vector<Token>& in) {
  static const std::pair<std::string_view, std::vector<std::string_view>> kLike[] = {
      {"~~", {"like"}}, {"~~*", {"ilike"}}, {"!~~", {"not", "like"}}, {"!~~*", {"not", "ilike"}}};
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const bool qualifier = is_name(in[i]) && i + 2 < in.size() && is_punct(in[i + 1], ".") &&
                           (is_name(in[i + 2]) || (in[i + 2].kind == Kind::Operator && in[i + 2].text == "*")) &&
                           !(i + 3 < in.size() && is_punct(in[i + 3], "("));
    if (qualifier) {
      ++i;  // the qualifier and its dot go
      continue;
    }
    bool replaced = false;
    for (const auto& [op, words] : kLike) {
      if (in[i].kind == Kind::Operator && in[i].text == op) {
        for (std::string_view w : words) out.push_back({Kind::Word, std::string(w)});
        replaced = true;
      }
    }
    if (replaced) continue;
    if (is_word(in[i], "as") && i + 1 < in.size() && is_name(in[i + 1]) && !out.empty()) {
      const std::string& alias = in[i + 1].text;
      bool repeats = is_name(out.back()) && out.back().text == alias;
      if (is_punct(out.back(), ")")) {
        int depth = 0;
        for (std::size_t j = out.size(); j-- > 0;) {
          if (is_punct(out[j], ")")) ++depth;
          if (is_punct(out[j], "(") && --depth == 0) {
            repeats = j > 0 && is_name(out[j - 1]) && out[j - 1].text == alias;
            break;
          }
        }
      }
      if (repeats) {
        ++i;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

std::string printed(const std::vector<Token>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (i > 0) {
      const Token& prev = tokens[i - 1];
      const bool glued_after = is_punct(prev, "(") || is_punct(prev, ".") || is_punct(prev, "::") || is_punct(prev, "[");
      const bool glued_before = is_punct(t, ")") || is_punct(t, ",") || is_punct(t, ".") || is_punct(t, "::") ||
                                is_punct(t, "]") || (is_punct(t, "(") && is_name(prev));
      if (!glued_after && !glued_before) out += ' ';
    }
    out += t.kind == Kind::QuotedIdentifier ? quote_identifier(t.text) : t.text;
  }
  return out;
}

}  // namespace

std::optional<std::string> canonical_view_definition(std::string_view query) {
  const std::vector<Token> tokens = tokenize_expression(canonical_expression(query));
  if (tokens.empty() || rewritten_by_postgresql(tokens)) return std::nullopt;
  return printed(comparable_tokens(tokens));
}

}  // namespace miglint::schema
