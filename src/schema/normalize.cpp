#include "schema/normalize.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "schema/expression_tokens.h"
#include "schema/memo.h"
#include "schema/pg_deparse.h"
#include "schema/pg_identifier.h"

namespace miglint::schema {

namespace {

using Token = ExpressionToken;
using Kind = ExpressionToken::Kind;

// Keywords after which "(" opens a parenthesised operand rather than an argument list.
bool is_operator_keyword(const Token& t) {
  static const std::vector<std::string_view> words = {"and", "or", "not", "in", "is", "as", "when", "then",
                                                       "else", "case", "between", "like", "ilike", "on",
                                                       "using", "where", "select", "from", "exists"};
  return t.kind == Kind::Word && std::find(words.begin(), words.end(), t.text) != words.end();
}

// Words that continue a type name after its first word ("character varying", "with time zone").
bool continues_type(std::string_view word) {
  return word == "varying" || word == "precision" || word == "with" || word == "without" || word == "time" ||
         word == "zone";
}

// The type after "::" at tokens[i]: its canonical text, and i moved past it.
std::string cast_type(const std::vector<Token>& tokens, std::size_t& i) {
  std::string written;
  auto piece = [](const Token& t) { return t.kind == Kind::QuotedIdentifier ? quote_identifier(t.text) : t.text; };
  if (i < tokens.size()) written += piece(tokens[i++]);
  while (i + 1 < tokens.size() && is_punct(tokens[i], ".")) {
    written += "." + piece(tokens[i + 1]);
    i += 2;
  }
  while (i < tokens.size() && tokens[i].kind == Kind::Word && continues_type(tokens[i].text)) {
    written += " " + tokens[i++].text;
  }
  while (i < tokens.size() && (is_punct(tokens[i], "(") || is_punct(tokens[i], "["))) {
    std::string_view close = is_punct(tokens[i], "(") ? ")" : "]";
    while (i < tokens.size() && !is_punct(tokens[i], close)) written += tokens[i++].text + " ";
    if (i < tokens.size()) written += tokens[i++].text;
  }
  return canonical_type(written);
}

bool is_plain_number(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

bool is_numeric_type(std::string_view type) {
  return type == "integer" || type == "bigint" || type == "smallint" || type == "numeric" || type.starts_with("numeric(");
}

// The quoted literal's content when it holds no quote or escape ('abc' -> abc).
std::optional<std::string> plain_string_content(const Token& t) {
  if (t.kind != Kind::String || t.text.size() < 2 || t.text.front() != '\'') return std::nullopt;
  std::string_view inner = std::string_view(t.text).substr(1, t.text.size() - 2);
  if (inner.find('\'') != std::string_view::npos) return std::nullopt;
  return std::string(inner);
}

// A literal cast to the type it has anyway: text or character types for a string, a numeric
// type for a number or a string holding a number (PostgreSQL prints -1 as '-1'::integer).
std::optional<Token> literal_without_cast(const Token& literal, const std::string& type) {
  bool character_type = type == "text" || type.starts_with("character") || type == "bpchar";
  if (literal.kind == Kind::String && character_type) return literal;
  if (literal.kind == Kind::Number && is_numeric_type(type)) return literal;
  if (auto content = plain_string_content(literal); content && is_plain_number(*content) && is_numeric_type(type)) {
    return Token{Kind::Number, *content};
  }
  return std::nullopt;
}

bool is_column_reference(const Token& t) {
  if (t.kind == Kind::QuotedIdentifier) return true;
  return t.kind == Kind::Word && t.text != "null" && t.text != "true" && t.text != "false";
}

// Casts spelt canonically (and dropped where the literal has that type anyway), quoted
// identifiers that need no quotes written bare.
std::vector<Token> canonical_tokens(const std::vector<Token>& in) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size();) {
    if (is_punct(in[i], "::")) {
      ++i;
      std::string type = cast_type(in, i);
      if (!out.empty() && (out.back().kind == Kind::String || out.back().kind == Kind::Number)) {
        if (auto plain = literal_without_cast(out.back(), type)) {
          out.back() = *plain;
          continue;
        }
      }
      // PostgreSQL shows the implicit conversion of a character column to text ((name)::text
      // in lower(name) on a varchar column); the text that created it did not write it.
      if (type == "text" && !out.empty() && is_column_reference(out.back())) continue;
      out.push_back({Kind::Punctuation, "::"});
      out.push_back({Kind::Word, type});
      continue;
    }
    if (in[i].kind == Kind::QuotedIdentifier && !identifier_needs_quotes(in[i].text)) {
      out.push_back({Kind::Word, in[i++].text});
      continue;
    }
    out.push_back(in[i++]);
  }
  return out;
}

bool is_name(const Token& t, std::string_view name) {
  return (t.kind == Kind::Word || t.kind == Kind::QuotedIdentifier) && t.text == name;
}

// "users"."age" and "public"."users"."age" -> age, for an expression on the table users.
std::vector<Token> without_own_qualifier(const std::vector<Token>& in, std::string_view own_table) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    bool after_dot = i > 0 && is_punct(in[i - 1], ".");
    if (!after_dot && i + 2 < in.size() && is_punct(in[i + 1], ".") && is_name(in[i], own_table) &&
        (in[i + 2].kind == Kind::Word || in[i + 2].kind == Kind::QuotedIdentifier) &&
        !(i + 3 < in.size() && is_punct(in[i + 3], "."))) {
      ++i;  // the table and its dot go
      continue;
    }
    if (!after_dot && i + 4 < in.size() && is_punct(in[i + 1], ".") && is_name(in[i + 2], own_table) &&
        is_punct(in[i + 3], ".") && !(i + 5 < in.size() && is_punct(in[i + 5], "."))) {
      i += 3;  // schema, dot, table, dot
      continue;
    }
    out.push_back(in[i]);
  }
  return out;
}

bool is_literal(const Token& t) {
  return t.kind == Kind::String || t.kind == Kind::Number || is_word(t, "true") || is_word(t, "false") ||
         is_word(t, "null");
}

// x IN ('a', 'b') -> x = any(array['a', 'b']) and NOT IN -> <> all(...), as PostgreSQL stores a
// list of constants.
std::vector<Token> in_lists_as_arrays(const std::vector<Token>& in) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (is_word(in[i], "in") && i + 1 < in.size() && is_punct(in[i + 1], "(")) {
      std::size_t j = i + 2;
      bool constants = j < in.size() && is_literal(in[j]);
      while (constants && j + 1 < in.size() && is_punct(in[j + 1], ",")) {
        j += 2;
        constants = j < in.size() && is_literal(in[j]);
      }
      if (constants && j + 1 < in.size() && is_punct(in[j + 1], ")")) {
        bool negated = !out.empty() && is_word(out.back(), "not");
        if (negated) out.pop_back();
        out.push_back({Kind::Operator, negated ? "<>" : "="});
        out.push_back({Kind::Word, negated ? "all" : "any"});
        out.push_back({Kind::Punctuation, "("});
        out.push_back({Kind::Word, "array"});
        out.push_back({Kind::Punctuation, "["});
        out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(i + 2), in.begin() + static_cast<std::ptrdiff_t>(j + 1));
        out.push_back({Kind::Punctuation, "]"});
        out.push_back({Kind::Punctuation, ")"});
        i = j + 1;
        continue;
      }
    }
    out.push_back(in[i]);
  }
  return out;
}

// PostgreSQL's parser reprints the text with one parenthesisation; expressions recur across a
// folder's snapshots, so each is reprinted once per thread.
std::string reprinted(std::string_view expression) {
  thread_local TextMemo memo;
  return memoized(memo, expression, [&] { return reprint_pg_expression(expression).value_or(std::string(expression)); });
}

std::vector<Token> expression_tokens(std::string_view expression) {
  return in_lists_as_arrays(canonical_tokens(tokenize_expression(reprinted(expression))));
}

// Whether tokens[0] is a "(" whose ")" is the last token.
bool wrapped_in_parentheses(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  if (end - begin < 2 || !is_punct(tokens[begin], "(") || !is_punct(tokens[end - 1], ")")) return false;
  int depth = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (is_punct(tokens[i], "(")) ++depth;
    if (is_punct(tokens[i], ")") && --depth == 0 && i + 1 < end) return false;
  }
  return true;
}

bool is_unary_sign(const std::vector<Token>& tokens, std::size_t i, std::size_t begin) {
  const Token& t = tokens[i];
  if (t.kind != Kind::Operator || (t.text != "-" && t.text != "+")) return false;
  if (i == begin) return true;
  const Token& prev = tokens[i - 1];
  if (prev.kind == Kind::Operator || is_operator_keyword(prev)) return true;
  return prev.kind == Kind::Punctuation && prev.text != ")" && prev.text != "]";
}

bool space_between(const std::vector<Token>& tokens, std::size_t i, std::size_t begin) {
  const Token& prev = tokens[i - 1];
  const Token& cur = tokens[i];
  if (is_punct(prev, "(") || is_punct(prev, "[") || is_punct(prev, ".") || is_punct(prev, "::")) return false;
  if (is_punct(cur, ")") || is_punct(cur, "]") || is_punct(cur, ",") || is_punct(cur, ".") || is_punct(cur, "::")) {
    return false;
  }
  bool prev_is_name = prev.kind == Kind::Word || prev.kind == Kind::QuotedIdentifier;
  if (is_punct(cur, "(") && prev_is_name && !is_operator_keyword(prev)) return false;
  if (is_punct(cur, "[") && (prev_is_name || is_punct(prev, ")") || is_punct(prev, "]"))) return false;
  if (is_unary_sign(tokens, i - 1, begin)) return false;
  return true;
}

std::string print(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin && space_between(tokens, i, begin)) out += ' ';
    out += tokens[i].kind == Kind::QuotedIdentifier ? quote_identifier(tokens[i].text) : tokens[i].text;
  }
  return out;
}

std::string canonical_from_tokens(std::vector<Token> tokens) {
  std::size_t begin = 0, end = tokens.size();
  while (wrapped_in_parentheses(tokens, begin, end)) {
    ++begin;
    --end;
  }
  return print(tokens, begin, end);
}

}  // namespace

std::string canonical_expression(std::string_view expression) {
  thread_local TextMemo memo;
  return memoized(memo, expression, [&] { return canonical_from_tokens(expression_tokens(expression)); });
}

std::string canonical_expression(std::string_view expression, std::string_view own_table) {
  thread_local TextMemo memo;
  std::string key = std::string(own_table) + '\0' + std::string(expression);
  return memoized(memo, key, [&] {
    return canonical_from_tokens(without_own_qualifier(expression_tokens(expression), own_table));
  });
}

namespace {

std::string compute_canonical_default(std::string_view expression) {
  std::vector<Token> tokens = expression_tokens(expression);
  std::size_t begin = 0, end = tokens.size();
  while (wrapped_in_parentheses(tokens, begin, end)) {
    ++begin;
    --end;
  }
  std::vector<Token> inner(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                           tokens.begin() + static_cast<std::ptrdiff_t>(end));
  // nextval('t_id_seq'::regclass): the sequence's name is what matters.
  for (std::size_t i = 0; i + 4 < inner.size(); ++i) {
    if (is_word(inner[i], "nextval") && is_punct(inner[i + 1], "(") && inner[i + 2].kind == Kind::String &&
        is_punct(inner[i + 3], "::") && is_word(inner[i + 4], "regclass")) {
      inner.erase(inner.begin() + static_cast<std::ptrdiff_t>(i + 3), inner.begin() + static_cast<std::ptrdiff_t>(i + 5));
    }
  }
  // A column's default is converted to the column's type anyway: a literal's cast says nothing more
  // ('active'::status and 'active' are one default), and a quoted number is the number.
  if (inner.size() == 3 && inner[0].kind == Kind::String && is_punct(inner[1], "::")) inner.resize(1);
  if (inner.size() == 1) {
    if (auto content = plain_string_content(inner[0]); content && is_plain_number(*content)) {
      inner[0] = Token{Kind::Number, *content};
    }
  }
  return canonical_from_tokens(std::move(inner));
}

}  // namespace

std::string canonical_default(std::string_view expression) {
  thread_local TextMemo memo;
  return memoized(memo, expression, [&] { return compute_canonical_default(expression); });
}

namespace {

// The first n bytes of s, fewer so as never to cut inside a UTF-8 sequence (pg_mbcliplen).
std::string_view clip(std::string_view s, std::size_t n) {
  if (n >= s.size()) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

}  // namespace

std::string truncated_identifier(std::string_view name) { return std::string(clip(name, 63)); }

// PostgreSQL's makeObjectName(): the longer of the two names loses bytes until the whole fits.
std::string serial_default(std::string_view schema, std::string_view table, std::string_view column) {
  constexpr std::size_t kMaxName = 63;
  constexpr std::string_view kLabel = "seq";
  std::size_t available = kMaxName - (kLabel.size() + 2);
  std::size_t table_bytes = table.size(), column_bytes = column.size();
  while (table_bytes + column_bytes > available) {
    if (table_bytes > column_bytes) {
      --table_bytes;
    } else {
      --column_bytes;
    }
  }
  std::string sequence = std::string(clip(table, table_bytes)) + "_" + std::string(clip(column, column_bytes)) + "_" +
                         std::string(kLabel);
  std::string name = quote_identifier(sequence);
  if (!schema.empty() && schema != "public") name = quote_identifier(schema) + "." + name;
  std::string literal = "'";
  for (char c : name) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return "nextval(" + literal + "')";
}

}  // namespace miglint::schema
