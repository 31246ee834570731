// Reading libpg_query's tree, and finding an expression's source text from where its tree points:
// defaults, checks and predicates are kept as the SQL wrote them (then made canonical), so the
// replay never prints a tree back.
#include <algorithm>
#include <cctype>

#include "schema/pg_identifier.h"
#include "schema/replay_postgres_internal.h"
#include "sql/lexer.h"

namespace miglint::schema::pg_replay {

const Json& child(const Json& node, const char* key) {
  static const Json kNull;
  if (!node.is_object()) return kNull;
  const auto it = node.find(key);
  return it != node.end() ? *it : kNull;
}

const Json& list(const Json& node, const char* key) {
  static const Json kEmpty = Json::array();
  const Json& value = child(node, key);
  return value.is_array() ? value : kEmpty;
}

long long integer(const Json& node, const char* key, long long otherwise) {
  const Json& value = child(node, key);
  return value.is_number_integer() ? value.get<long long>() : otherwise;
}

std::size_t location_of(const Json& node) {
  return static_cast<std::size_t>(std::max(0LL, integer(node, "location", 0)));
}

std::string str(const Json& node, const char* key) {
  const Json& value = child(node, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

bool flag(const Json& node, const char* key) {
  const Json& value = child(node, key);
  return value.is_boolean() && value.get<bool>();
}

std::vector<std::string> strings(const Json& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const Json& item : list) {
    const Json& s = child(item, "String");
    if (s.is_object()) out.push_back(str(s, "sval"));
  }
  return out;
}

QualifiedName range_var_name(const Json& range_var) {
  std::string schema = str(range_var, "schemaname");
  return {schema.empty() ? "public" : schema, str(range_var, "relname")};
}

QualifiedName name_from_parts(const std::vector<std::string>& parts) {
  if (parts.empty()) return {"public", ""};
  if (parts.size() == 1) return {"public", parts[0]};
  return {parts[parts.size() - 2], parts.back()};  // a database name before them is ignored
}

std::string display(const QualifiedName& name) { return name.schema + "." + name.name; }

bool is_temporary(const Json& range_var) { return str(range_var, "relpersistence") == "t"; }

bool knows_schema(const Schema& schema, const std::string& schema_name) {
  return !schema.everything_unknown && !schema.unknown_schemas.count(schema_name) &&
         (schema_name == "public" || schema.schemas.count(schema_name));
}

namespace {

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

bool equals_word(std::string_view token, std::string_view word) {
  return token.size() == word.size() &&
         std::equal(token.begin(), token.end(), word.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

bool is_char(std::string_view text, Span t, char c) { return t.end == t.begin + 1 && text[t.begin] == c; }
// Brackets nest like parentheses: ARRAY['a', 'b'] is one expression.
bool opens(std::string_view text, Span t) { return is_char(text, t, '(') || is_char(text, t, '['); }
bool closes(std::string_view text, Span t) { return is_char(text, t, ')') || is_char(text, t, ']'); }

// The name an identifier token stands for: unquoted lower-cased, quoted with its quotes undone;
// nothing for other tokens.
std::optional<std::string> identifier_of(std::string_view token) {
  if (token.empty()) return std::nullopt;
  if (token.front() == '"') {
    if (token.size() < 2 || token.back() != '"') return std::nullopt;
    std::string out;
    for (std::size_t i = 1; i + 1 < token.size(); ++i) {
      out += token[i];
      if (token[i] == '"') ++i;  // "" stands for one quote
    }
    return out;
  }
  if (!is_word_byte(token.front()) || std::isdigit(static_cast<unsigned char>(token.front()))) return std::nullopt;
  std::string out(token);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

Span next_token(std::string_view text, std::size_t from) {
  std::size_t i = from;
  while (i < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    if (auto quoted = quoted_span_at(text, i, SqlFlavor::Postgres)) {
      if (quoted->kind == QuotedSpan::Kind::LineComment || quoted->kind == QuotedSpan::Kind::BlockComment) {
        i = quoted->end;
        continue;
      }
      return {i, quoted->end};
    }
    if (is_word_byte(text[i])) {
      std::size_t end = i + 1;
      while (end < text.size() && (is_word_byte(text[end]) || text[end] == '$')) ++end;
      return {i, end};
    }
    return {i, i + 1};
  }
  return {text.size(), text.size()};
}

std::size_t find_word(std::string_view text, std::size_t from, std::string_view word, std::size_t limit) {
  int depth = 0;
  for (Span t = next_token(text, from); !t.empty() && t.begin < limit; t = next_token(text, t.end)) {
    if (opens(text, t)) {
      ++depth;
    } else if (closes(text, t)) {
      if (depth-- == 0) return std::string_view::npos;
    } else if (depth == 0 && is_char(text, t, ';')) {
      return std::string_view::npos;
    } else if (depth == 0 && equals_word(slice(text, t), word)) {
      return t.begin;
    }
  }
  return std::string_view::npos;
}

std::optional<Span> group_after(std::string_view text, std::size_t from, std::size_t limit) {
  Span t = next_token(text, from);
  while (!t.empty() && t.begin < limit && !is_char(text, t, '(')) {
    if (is_char(text, t, ';')) return std::nullopt;
    t = next_token(text, t.end);
  }
  if (t.empty() || t.begin >= limit) return std::nullopt;
  const std::size_t open = t.begin;
  int depth = 0;
  for (; !t.empty(); t = next_token(text, t.end)) {
    if (is_char(text, t, '(')) ++depth;
    if (is_char(text, t, ')') && --depth == 0) return Span{open + 1, t.begin};
  }
  return std::nullopt;
}

Span expression_from(std::string_view text, std::size_t from, std::size_t limit) {
  int depth = 0;
  Span out{std::string_view::npos, 0};
  for (Span t = next_token(text, from); !t.empty() && t.begin < limit; t = next_token(text, t.end)) {
    if (depth == 0 && (is_char(text, t, ',') || closes(text, t) || is_char(text, t, ';'))) break;
    if (opens(text, t)) ++depth;
    if (closes(text, t)) --depth;
    out.begin = std::min(out.begin, t.begin);
    out.end = t.end;
  }
  if (out.begin == std::string_view::npos) return {from, from};
  return out;
}

std::vector<Span> split_commas(std::string_view text, std::size_t begin, std::size_t end) {
  std::vector<Span> out;
  int depth = 0;
  Span piece{std::string_view::npos, 0};
  auto close = [&] {
    out.push_back(piece.begin == std::string_view::npos ? Span{begin, begin} : piece);
    piece = {std::string_view::npos, 0};
  };
  for (Span t = next_token(text, begin); !t.empty() && t.begin < end; t = next_token(text, t.end)) {
    if (depth == 0 && is_char(text, t, ',')) {
      close();
      continue;
    }
    if (depth == 0 && is_char(text, t, ';')) break;
    if (opens(text, t)) ++depth;
    if (closes(text, t)) --depth;
    piece.begin = std::min(piece.begin, t.begin);
    piece.end = t.end;
  }
  close();
  return out;
}

std::size_t skip_name(std::string_view text, std::size_t from) {
  Span t = next_token(text, from);
  std::size_t end = t.end;
  for (;;) {
    const Span dot = next_token(text, end);
    if (!is_char(text, dot, '.')) return end;
    const Span part = next_token(text, dot.end);
    if (part.empty()) return end;
    end = part.end;
  }
}

std::size_t statement_end(std::string_view text, std::size_t from) {
  std::size_t end = from;
  for (Span t = next_token(text, from); !t.empty(); t = next_token(text, t.end)) {
    if (is_char(text, t, ';')) break;
    end = t.end;
  }
  return end;
}

std::string_view slice(std::string_view text, Span span) {
  if (span.begin >= text.size() || span.empty()) return {};
  return text.substr(span.begin, std::min(span.end, text.size()) - span.begin);
}

namespace {

// Calls `on_reference` for each identifier token of expression that is not a function's name.
template <class F>
void for_each_reference(std::string_view expression, F on_reference) {
  for (Span t = next_token(expression, 0); !t.empty(); t = next_token(expression, t.end)) {
    const std::string_view token = slice(expression, t);
    if (token.front() != '"' && !is_word_byte(token.front())) continue;
    const Span after = next_token(expression, t.end);
    if (is_char(expression, after, '(')) continue;  // a function call
    if (auto name = identifier_of(token)) on_reference(t, *name);
  }
}

}  // namespace

std::string rename_identifier(std::string_view expression, const std::string& from, const std::string& to) {
  std::string out;
  std::size_t copied = 0;
  for_each_reference(expression, [&](Span t, const std::string& name) {
    if (name != from) return;
    out.append(expression.substr(copied, t.begin - copied));
    out += quote_identifier(to);
    copied = t.end;
  });
  out.append(expression.substr(copied));
  return out;
}

bool mentions_identifier(std::string_view expression, const std::string& name) {
  bool found = false;
  for_each_reference(expression, [&](Span, const std::string& reference) { found = found || reference == name; });
  return found;
}

}  // namespace miglint::schema::pg_replay
