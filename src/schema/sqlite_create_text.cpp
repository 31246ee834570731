#include "schema/sqlite_create_text.h"

#include <cctype>

namespace miglint::schema::sqlite_text {

namespace {

struct Token {
  enum class Kind { Word, Quoted, String, Other } kind;
  std::string text;  // a Word as written; a Quoted identifier without its quotes
  std::size_t begin;
  std::size_t end;
};

bool word_byte(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

// The text after `open` up to its closing quote (doubled quotes inside), and where it ends.
std::size_t quoted_end(std::string_view s, std::size_t i, char close) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] != close) continue;
    if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return s.size();
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (s.substr(i, 2) == "--") {
      std::size_t nl = s.find('\n', i);
      i = nl == std::string_view::npos ? s.size() : nl + 1;
    } else if (s.substr(i, 2) == "/*") {
      std::size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      std::size_t end = quoted_end(s, i, c == '[' ? ']' : static_cast<char>(c));
      Token::Kind kind = c == '\'' ? Token::Kind::String : Token::Kind::Quoted;
      std::string text = kind == Token::Kind::Quoted ? unquote(s.substr(i, end - i)) : std::string(s.substr(i, end - i));
      out.push_back({kind, std::move(text), i, end});
      i = end;
    } else if (word_byte(c)) {
      std::size_t j = i;
      while (j < s.size() && word_byte(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Token::Kind::Word, std::string(s.substr(i, j - i)), i, j});
      i = j;
    } else {
      out.push_back({Token::Kind::Other, std::string(1, s[i]), i, i + 1});
      ++i;
    }
  }
  return out;
}

bool is_keyword(const Token& t, std::string_view word) {
  if (t.kind != Token::Kind::Word || t.text.size() != word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(t.text[i])) != word[i]) return false;
  }
  return true;
}

bool is(const Token& t, char c) { return t.kind == Token::Kind::Other && t.text[0] == c; }

// The index just past the ")" matching the "(" at `open`.
std::size_t after_group(const std::vector<Token>& t, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < t.size(); ++i) {
    if (is(t[i], '(')) ++depth;
    if (is(t[i], ')') && --depth == 0) return i + 1;
  }
  return t.size();
}

// [begin, end) split on commas outside parentheses.
std::vector<std::pair<std::size_t, std::size_t>> split_commas(const std::vector<Token>& t, std::size_t begin,
                                                              std::size_t end) {
  std::vector<std::pair<std::size_t, std::size_t>> parts;
  int depth = 0;
  std::size_t start = begin;
  for (std::size_t i = begin; i < end; ++i) {
    if (is(t[i], '(')) ++depth;
    if (is(t[i], ')')) --depth;
    if (depth == 0 && is(t[i], ',')) {
      parts.emplace_back(start, i);
      start = i + 1;
    }
  }
  if (start < end) parts.emplace_back(start, end);
  return parts;
}

// The text of tokens [begin, end), identifiers re-quoted with "" so that `a` and [a] read as "a".
std::string text_of(std::string_view sql, const std::vector<Token>& t, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i < end; ++i) {
    if (i > begin) out += sql.substr(t[i - 1].end, t[i].begin - t[i - 1].end);
    out += t[i].kind == Token::Kind::Quoted ? quote(t[i].text) : std::string(sql.substr(t[i].begin, t[i].end - t[i].begin));
  }
  return out;
}

// The inside of the group opening at `open`, as text.
std::string group_text(std::string_view sql, const std::vector<Token>& t, std::size_t open) {
  std::size_t close = after_group(t, open);
  return close - open < 2 ? std::string() : text_of(sql, t, open + 1, close - 1);
}

std::string name_at(const std::vector<Token>& t, std::size_t i) { return i < t.size() ? t[i].text : std::string(); }

std::vector<std::string> column_list(const std::vector<Token>& t, std::size_t open) {
  std::vector<std::string> columns;
  std::size_t close = after_group(t, open);
  if (close - open < 2) return columns;
  for (auto [b, e] : split_commas(t, open + 1, close - 1)) columns.push_back(name_at(t, b));
  return columns;
}

bool starts_table_constraint(const Token& t) {
  return is_keyword(t, "PRIMARY") || is_keyword(t, "UNIQUE") || is_keyword(t, "CHECK") || is_keyword(t, "FOREIGN");
}

void table_constraint(std::string_view sql, const std::vector<Token>& t, std::size_t i, std::size_t end,
                      std::string name, CreateTable& out) {
  std::size_t open = i;
  while (open < end && !is(t[open], '(')) ++open;
  if (open >= end) return;
  if (is_keyword(t[i], "CHECK")) out.checks.push_back({name, group_text(sql, t, open)});
  if (is_keyword(t[i], "UNIQUE")) out.uniques.push_back({name, column_list(t, open)});
  if (is_keyword(t[i], "FOREIGN")) out.foreign_keys.push_back({name, column_list(t, open)});
}

void column_definition(std::string_view sql, const std::vector<Token>& t, std::size_t begin, std::size_t end,
                       CreateTable& out) {
  std::string column = name_at(t, begin);
  std::string pending;  // CONSTRAINT name, for the constraint that follows
  for (std::size_t i = begin + 1; i < end;) {
    if (is(t[i], '(')) {
      i = after_group(t, i);  // a type's arguments or a DEFAULT expression: nothing to see inside
      continue;
    }
    if (is_keyword(t[i], "CONSTRAINT")) {
      pending = name_at(t, i + 1);
      i += 2;
      continue;
    }
    if (is_keyword(t[i], "CHECK") && i + 1 < end && is(t[i + 1], '(')) {
      out.checks.push_back({pending, group_text(sql, t, i + 1)});
      pending.clear();
      i = after_group(t, i + 1);
      continue;
    }
    if (is_keyword(t[i], "AS") && i + 1 < end && is(t[i + 1], '(')) {
      out.generated[column] = group_text(sql, t, i + 1);
      i = after_group(t, i + 1);
      continue;
    }
    if (is_keyword(t[i], "UNIQUE")) out.uniques.push_back({pending, {column}});
    if (is_keyword(t[i], "REFERENCES")) out.foreign_keys.push_back({pending, {column}});
    if (is_keyword(t[i], "UNIQUE") || is_keyword(t[i], "REFERENCES") || is_keyword(t[i], "PRIMARY") ||
        is_keyword(t[i], "NOT") || is_keyword(t[i], "DEFAULT") || is_keyword(t[i], "COLLATE") ||
        is_keyword(t[i], "GENERATED")) {
      pending.clear();
    }
    ++i;
  }
}

}  // namespace

std::string unquote(std::string_view name) {
  if (name.size() < 2) return std::string(name);
  char open = name.front();
  char close = open == '[' ? ']' : open;
  if ((open != '"' && open != '`' && open != '[' && open != '\'') || name.back() != close) return std::string(name);
  std::string out;
  for (std::size_t i = 1; i + 1 < name.size(); ++i) {
    out += name[i];
    if (open != '[' && name[i] == close && i + 2 < name.size() && name[i + 1] == close) ++i;
  }
  return out;
}

std::string quote(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CreateTable parse_create_table(std::string_view sql) {
  CreateTable out;
  std::vector<Token> t = tokenize(sql);
  std::size_t open = 0;
  while (open < t.size() && !is(t[open], '(') && !is_keyword(t[open], "AS")) ++open;
  if (open >= t.size() || !is(t[open], '(')) return out;  // CREATE TABLE ... AS SELECT: no definitions
  std::size_t close = after_group(t, open) - 1;
  for (auto [begin, end] : split_commas(t, open + 1, close)) {
    if (begin >= end) continue;
    std::size_t i = begin;
    std::string name;
    if (is_keyword(t[i], "CONSTRAINT")) {
      name = name_at(t, i + 1);
      i += 2;
    }
    if (i < end && starts_table_constraint(t[i])) {
      table_constraint(sql, t, i, end, name, out);
    } else {
      column_definition(sql, t, begin, end, out);
    }
  }
  return out;
}

CreateIndex parse_create_index(std::string_view sql) {
  CreateIndex out;
  std::vector<Token> t = tokenize(sql);
  std::size_t on = 0;
  while (on < t.size() && !is_keyword(t[on], "ON")) ++on;
  std::size_t open = on;
  while (open < t.size() && !is(t[open], '(')) ++open;
  if (open >= t.size()) return out;
  std::size_t close = after_group(t, open);
  for (auto [begin, end] : split_commas(t, open + 1, close - 1)) {
    // Trailing ASC / DESC and COLLATE name describe the order, not the key.
    while (end > begin && (is_keyword(t[end - 1], "ASC") || is_keyword(t[end - 1], "DESC"))) --end;
    if (end >= begin + 2 && is_keyword(t[end - 2], "COLLATE")) end -= 2;
    out.keys.push_back(text_of(sql, t, begin, end));
  }
  if (close < t.size() && is_keyword(t[close], "WHERE")) {
    std::size_t end = t.size();
    while (end > close + 1 && is(t[end - 1], ';')) --end;
    out.where = text_of(sql, t, close + 1, end);
  }
  return out;
}

std::optional<std::string> view_query(std::string_view sql) {
  std::vector<Token> t = tokenize(sql);
  int depth = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (is(t[i], '(')) ++depth;
    if (is(t[i], ')')) --depth;
    if (depth == 0 && is_keyword(t[i], "AS") && i + 1 < t.size()) {
      std::size_t end = t.size();
      while (end > i + 1 && is(t[end - 1], ';')) --end;
      return text_of(sql, t, i + 1, end);
    }
  }
  return std::nullopt;
}

std::set<std::string> identifiers(std::string_view sql) {
  std::set<std::string> out;
  for (const Token& t : tokenize(sql)) {
    if (t.kind != Token::Kind::Word && t.kind != Token::Kind::Quoted) continue;
    std::string name = t.text;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.insert(std::move(name));
  }
  return out;
}

StatementTarget statement_target(std::string_view sql) {
  StatementTarget out;
  std::vector<Token> t = tokenize(sql);
  if (t.empty() || t[0].kind != Token::Kind::Word) return out;
  for (char c : t[0].text) out.verb += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (out.verb != "CREATE" && out.verb != "DROP" && out.verb != "ALTER") return out;
  std::size_t i = 1;
  while (i < t.size() && (is_keyword(t[i], "TEMP") || is_keyword(t[i], "TEMPORARY") || is_keyword(t[i], "UNIQUE") ||
                          is_keyword(t[i], "VIRTUAL"))) {
    ++i;
  }
  for (const char* kind : {"TABLE", "INDEX", "VIEW", "TRIGGER"}) {
    if (i < t.size() && is_keyword(t[i], kind)) out.kind = kind;
  }
  if (out.kind.empty()) return out;
  ++i;
  if (i + 2 < t.size() && is_keyword(t[i], "IF") && is_keyword(t[i + 1], "NOT") && is_keyword(t[i + 2], "EXISTS")) {
    out.if_not_exists = true;
    i += 3;
  } else if (i + 1 < t.size() && is_keyword(t[i], "IF") && is_keyword(t[i + 1], "EXISTS")) {
    i += 2;
  }
  out.name = name_at(t, i);
  if (i + 2 < t.size() && is(t[i + 1], '.')) out.name = name_at(t, i += 2);
  if (out.verb == "ALTER" && i + 3 < t.size() && is_keyword(t[i + 1], "ALTER") && is_keyword(t[i + 2], "COLUMN")) {
    out.altered_column = name_at(t, i + 3);
  }
  return out;
}

}  // namespace miglint::schema::sqlite_text
