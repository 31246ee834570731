#include "schema/normalize.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "schema/expression_tokens.h"
#include "schema/pg_identifier.h"

namespace miglint::schema {

namespace {

using Token = ExpressionToken;
using Kind = ExpressionToken::Kind;

bool is_punct(const Token& t, std::string_view p) { return t.kind == Kind::Punctuation && t.text == p; }
bool is_word(const Token& t, std::string_view w) { return t.kind == Kind::Word && t.text == w; }

// The names format_type() prints for a built-in type written another way.
const std::map<std::string, std::string, std::less<>>& builtin_names() {
  static const std::map<std::string, std::string, std::less<>> names = {
      {"int", "integer"},         {"int4", "integer"},          {"integer", "integer"},
      {"serial", "integer"},      {"serial4", "integer"},       {"int8", "bigint"},
      {"bigint", "bigint"},       {"bigserial", "bigint"},      {"serial8", "bigint"},
      {"int2", "smallint"},       {"smallint", "smallint"},     {"smallserial", "smallint"},
      {"serial2", "smallint"},    {"float4", "real"},           {"real", "real"},
      {"float8", "double precision"}, {"float", "double precision"}, {"double precision", "double precision"},
      {"decimal", "numeric"},     {"dec", "numeric"},           {"numeric", "numeric"},
      {"bool", "boolean"},        {"boolean", "boolean"},       {"varchar", "character varying"},
      {"character varying", "character varying"}, {"char varying", "character varying"},
      {"char", "character"},      {"character", "character"},   {"varbit", "bit varying"},
      {"bit varying", "bit varying"}};
  return names;
}

// One part of a type's name: a word (lower-cased) or a quoted identifier (kept as written).
struct NamePart {
  std::string text;
  bool quoted = false;
};

// A type written `name`, `schema.name`, `name(args) words`, with array brackets, parsed once.
struct ParsedType {
  std::vector<NamePart> qualified;  // schema and name when written with a dot or quotes
  std::vector<std::string> words;   // otherwise: the words before the modifiers
  std::string args;                 // inside the parentheses, spaces removed
  bool has_args = false;
  std::vector<std::string> trailing;  // words after the modifiers ("with time zone")
  bool array = false;
};

std::string args_text(const std::vector<Token>& tokens, std::size_t& i) {
  std::string out;
  int depth = 0;
  for (; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (is_punct(t, "(") && depth++ == 0) continue;
    if (is_punct(t, ")") && --depth == 0) {
      ++i;
      break;
    }
    if (!out.empty() && t.kind == Kind::Word && (out.back() != '(' && out.back() != ',')) out += ' ';
    out += t.kind == Kind::QuotedIdentifier ? quote_identifier(t.text) : t.text;
  }
  return out;
}

ParsedType parse_type(std::string_view text) {
  std::vector<Token> tokens = tokenize_expression(text);
  ParsedType p;
  std::size_t i = 0;
  bool dotted = tokens.size() >= 3 && is_punct(tokens[1], ".");
  if (!tokens.empty() && (tokens[0].kind == Kind::QuotedIdentifier || dotted)) {
    for (; i < tokens.size(); ++i) {
      if (tokens[i].kind == Kind::Word || tokens[i].kind == Kind::QuotedIdentifier) {
        p.qualified.push_back({tokens[i].text, tokens[i].kind == Kind::QuotedIdentifier});
      } else if (!is_punct(tokens[i], ".")) {
        break;
      }
    }
  }
  for (; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (is_punct(t, "(")) {
      p.args = args_text(tokens, i);
      p.has_args = true;
      --i;
    } else if (is_punct(t, "[")) {
      p.array = true;
    } else if (is_word(t, "array")) {
      p.array = true;
    } else if (t.kind == Kind::Word) {
      (p.has_args ? p.trailing : p.words).push_back(t.text);
    }
  }
  return p;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

bool is_system_schema(const NamePart& part) { return part.text == "public" || part.text == "pg_catalog"; }

std::string with_args(std::string name, const ParsedType& p) {
  if (p.has_args) name += "(" + p.args + ")";
  return name;
}

// timestamp / time with or without time zone: the precision goes after the first word.
std::optional<std::string> date_time_type(const std::string& base, const std::vector<std::string>& rest,
                                          const ParsedType& p) {
  std::string all = join(rest);
  bool zoned = base.ends_with("tz") || all == "with time zone";
  std::string stem = base.starts_with("timestamp") ? "timestamp" : "time";
  if (!all.empty() && all != "with time zone" && all != "without time zone") return std::nullopt;
  return with_args(stem, p) + (zoned ? " with time zone" : " without time zone");
}

std::string builtin_type(const ParsedType& p) {
  std::vector<std::string> rest = p.has_args ? p.trailing : std::vector<std::string>{};
  std::vector<std::string> words = p.words;
  if (words.empty()) return with_args("", p);
  const std::string& first = words.front();
  if (first == "timestamp" || first == "timestamptz" || first == "time" || first == "timetz") {
    std::vector<std::string> zone(words.begin() + 1, words.end());
    zone.insert(zone.end(), rest.begin(), rest.end());
    if (auto t = date_time_type(first, zone, p)) return *t;
  }
  std::string name = join(words);
  if (name == "float" && p.has_args) {
    long precision = std::strtol(p.args.c_str(), nullptr, 10);
    return precision <= 24 ? "real" : "double precision";
  }
  auto known = builtin_names().find(name);
  if (known != builtin_names().end()) name = known->second;
  // A fixed-length type written without its length is length 1.
  if (!p.has_args && (name == "character" || name == "bit")) return name + "(1)";
  if (p.has_args && name == "bpchar") name = "character";
  std::string out = with_args(name, p);
  if (!rest.empty()) out += " " + join(rest);
  return out;
}

std::string qualified_type(const ParsedType& p) {
  std::vector<NamePart> parts = p.qualified;
  if (parts.size() > 1 && is_system_schema(parts.front())) parts.erase(parts.begin());
  if (parts.size() == 1 && !identifier_needs_quotes(parts[0].text) && parts[0].text != "char") {
    ParsedType plain = p;
    plain.qualified.clear();
    plain.words.insert(plain.words.begin(), parts[0].text);
    return builtin_type(plain);
  }
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ".") + quote_identifier(part.text);
  return with_args(out, p);
}

}  // namespace

std::string canonical_type(std::string_view type) {
  ParsedType p = parse_type(type);
  std::string out = p.qualified.empty() ? builtin_type(p) : qualified_type(p);
  if (p.array) out += "[]";
  return out;
}

namespace {

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

std::vector<Token> canonical_tokens(std::string_view expression) {
  std::vector<Token> in = tokenize_expression(expression);
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
  return canonical_from_tokens(canonical_tokens(expression));
}

std::string canonical_default(std::string_view expression) {
  std::vector<Token> tokens = canonical_tokens(expression);
  std::size_t begin = 0, end = tokens.size();
  while (wrapped_in_parentheses(tokens, begin, end)) {
    ++begin;
    --end;
  }
  std::vector<Token> inner(tokens.begin() + static_cast<std::ptrdiff_t>(begin),
                           tokens.begin() + static_cast<std::ptrdiff_t>(end));
  // nextval('t_id_seq'::regclass): the sequence's name is what matters.
  for (std::size_t i = 0; i + 3 < inner.size(); ++i) {
    if (is_word(inner[i], "nextval") && is_punct(inner[i + 1], "(") && inner[i + 2].kind == Kind::String &&
        is_punct(inner[i + 3], "::") && i + 4 < inner.size() && is_word(inner[i + 4], "regclass")) {
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

}  // namespace miglint::schema
