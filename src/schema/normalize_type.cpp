// canonical_type(): format_type()'s spelling of a type however it was written.
#include "schema/normalize.h"

#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "schema/expression_tokens.h"
#include "schema/memo.h"
#include "schema/pg_identifier.h"

namespace miglint::schema {

namespace {

using Token = ExpressionToken;
using Kind = ExpressionToken::Kind;


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
  thread_local TextMemo memo;
  return memoized(memo, type, [&] {
    ParsedType p = parse_type(type);
    std::string out = p.qualified.empty() ? builtin_type(p) : qualified_type(p);
    if (p.array) out += "[]";
    return out;
  });
}

}  // namespace miglint::schema
