#include "sql/lexer.h"

#include <cctype>

namespace miglint {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A dollar-quote tag at i ("$$" or "$tag$"), or empty.
std::string_view dollar_tag(std::string_view s, std::size_t i) {
  if (s[i] != '$') return {};
  std::size_t j = i + 1;
  if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) return {};  // $1 is a parameter
  while (j < s.size() && ident_char(s[j])) ++j;
  if (j < s.size() && s[j] == '$') return s.substr(i, j - i + 1);
  return {};
}

std::size_t end_of_quote(std::string_view s, std::size_t i, char quote, bool backslash_escapes) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (backslash_escapes && s[j] == '\\') {
      ++j;
      continue;
    }
    if (s[j] == quote) {
      if (j + 1 < s.size() && s[j + 1] == quote) {  // doubled quote: an escaped one
        ++j;
        continue;
      }
      return j + 1;
    }
  }
  return s.size();
}

}  // namespace

std::optional<QuotedSpan> quoted_span_at(std::string_view s, std::size_t i, SqlFlavor flavor) {
  using Kind = QuotedSpan::Kind;
  char c = s[i];
  std::size_t end = 0;
  Kind kind{};
  if (c == '-' && i + 1 < s.size() && s[i + 1] == '-' &&
      // MySQL and MariaDB read "--" as a comment only before white space or a control character.
      (flavor != SqlFlavor::MySql || i + 2 == s.size() || static_cast<unsigned char>(s[i + 2]) <= ' ')) {
    end = s.find('\n', i);
    end = end == std::string_view::npos ? s.size() : end;
    kind = Kind::LineComment;
  } else if (c == '#' && flavor == SqlFlavor::MySql) {
    end = s.find('\n', i);
    end = end == std::string_view::npos ? s.size() : end;
    kind = Kind::LineComment;
  } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
    // PostgreSQL nests block comments; MySQL and SQLite do not.
    int depth = 0;
    std::size_t j = i;
    end = s.size();
    while (j + 1 < s.size()) {
      if (s[j] == '/' && s[j + 1] == '*') {
        ++depth;
        j += 2;
        if (flavor != SqlFlavor::Postgres && depth > 1) depth = 1;
      } else if (s[j] == '*' && s[j + 1] == '/') {
        j += 2;
        if (--depth == 0) {
          end = j;
          break;
        }
      } else {
        ++j;
      }
    }
    kind = Kind::BlockComment;
  } else if (c == '\'') {
    bool escapes = flavor == SqlFlavor::MySql ||
                   (i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e') && (i < 2 || !ident_char(s[i - 2])));
    end = end_of_quote(s, i, '\'', escapes);
    kind = Kind::String;
  } else if (c == '"' || (c == '`' && flavor != SqlFlavor::Postgres)) {
    bool escapes = flavor == SqlFlavor::MySql && c == '"';
    end = end_of_quote(s, i, c, escapes);
    kind = c == '"' && flavor == SqlFlavor::MySql ? Kind::String : Kind::Identifier;
  } else if (c == '[' && flavor == SqlFlavor::Sqlite) {
    end = s.find(']', i);
    end = end == std::string_view::npos ? s.size() : end + 1;
    kind = Kind::Identifier;
  } else if (c == '$' && flavor == SqlFlavor::Postgres && (i == 0 || !ident_char(s[i - 1]))) {
    std::string_view tag = dollar_tag(s, i);
    if (tag.empty()) return std::nullopt;
    std::size_t close = s.find(tag, i + tag.size());
    end = close == std::string_view::npos ? s.size() : close + tag.size();
    kind = Kind::DollarQuoted;
  } else {
    return std::nullopt;
  }
  return QuotedSpan{i, end, kind};
}

std::vector<QuotedSpan> quoted_spans(std::string_view s, SqlFlavor flavor) {
  std::vector<QuotedSpan> spans;
  for (std::size_t i = 0; i < s.size();) {
    if (auto span = quoted_span_at(s, i, flavor)) {
      spans.push_back(*span);
      i = span->end;
    } else {
      ++i;
    }
  }
  return spans;
}

namespace {

bool word_is(std::string_view word, std::string_view upper) {
  if (word.size() != upper.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(word[i])) != upper[i]) return false;
  }
  return true;
}

bool is_routine_word(std::string_view word) {
  return word_is(word, "TRIGGER") || word_is(word, "PROCEDURE") || word_is(word, "FUNCTION") || word_is(word, "EVENT");
}

// A word that shows a CREATE statement makes no routine: CREATE TABLE event (begin int) has no body.
bool ends_routine_search(std::string_view word) {
  for (std::string_view other : {"TABLE", "VIEW", "INDEX", "DATABASE", "SCHEMA", "SEQUENCE", "USER", "ROLE", "SERVER"}) {
    if (word_is(word, other)) return true;
  }
  return false;
}

// The word that starts at or after i, past white space and comments, or empty.
std::string_view next_word(std::string_view s, std::size_t i, const std::vector<QuotedSpan>& spans, std::size_t k) {
  while (i < s.size()) {
    while (k < spans.size() && spans[k].end <= i) ++k;
    if (k < spans.size() && spans[k].begin <= i) {
      if (spans[k].kind != QuotedSpan::Kind::LineComment && spans[k].kind != QuotedSpan::Kind::BlockComment) return {};
      i = spans[k].end;
    } else if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else {
      break;
    }
  }
  std::size_t end = i;
  while (end < s.size() && ident_char(s[end])) ++end;
  return s.substr(i, end - i);
}

// Calls visit(begin, end) for each piece between top-level ';', with quoted spans inside it.
// A routine body is part of its statement: its ';' do not split. That is CREATE TRIGGER, PROCEDURE,
// FUNCTION or EVENT ... BEGIN ... END, and MariaDB's BEGIN NOT ATOMIC ... END, with their nested
// blocks: BEGIN and CASE open one, END or END CASE closes it (a label may follow END), and
// END IF, END LOOP, END WHILE and END REPEAT close what was never counted.
template <class Visit>
void for_each_piece(std::string_view s, SqlFlavor flavor, Visit visit) {
  std::vector<QuotedSpan> spans = quoted_spans(s, flavor);
  std::size_t piece = 0, k = 0;
  bool first_word = true, creates = false, routine = false;
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    while (k < spans.size() && spans[k].end <= i) ++k;
    if (k < spans.size() && spans[k].begin <= i) {
      i = spans[k].end - 1;
      continue;
    }
    if (ident_char(s[i]) && (i == 0 || !ident_char(s[i - 1]))) {
      std::size_t end = i;
      while (end < s.size() && ident_char(s[end])) ++end;
      std::string_view word = s.substr(i, end - i);
      if (first_word) creates = word_is(word, "CREATE");
      first_word = false;
      if (depth == 0 && creates && is_routine_word(word)) routine = true;
      if (depth == 0 && creates && ends_routine_search(word)) creates = false;
      if (word_is(word, "BEGIN") && (routine || (depth == 0 && word_is(next_word(s, end, spans, k), "NOT")))) {
        routine = true;  // BEGIN NOT ATOMIC: a compound statement of its own
        ++depth;
      } else if (depth > 0 && word_is(word, "CASE")) {
        ++depth;
      } else if (depth > 0 && word_is(word, "END")) {
        const std::string_view closes = next_word(s, end, spans, k);
        if (word_is(closes, "CASE")) {
          end = static_cast<std::size_t>(closes.data() - s.data()) + closes.size();  // END CASE: one close
          --depth;
        } else if (!word_is(closes, "IF") && !word_is(closes, "LOOP") && !word_is(closes, "WHILE") &&
                   !word_is(closes, "REPEAT")) {
          --depth;
        }
      }
      i = end - 1;
      continue;
    }
    if (s[i] == ';' && depth == 0) {
      visit(piece, i);
      piece = i + 1;
      first_word = true;
      creates = routine = false;
    }
  }
  visit(piece, s.size());
}

// The first character of text outside comments and white space, or npos. Looks no further than
// that character: a statement can be megabytes long.
std::size_t first_code(std::string_view s, std::size_t begin, std::size_t end, SqlFlavor flavor) {
  const std::string_view piece = s.substr(0, end);
  for (std::size_t i = begin; i < end;) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
      continue;
    }
    auto span = quoted_span_at(piece, i, flavor);
    if (!span || (span->kind != QuotedSpan::Kind::LineComment && span->kind != QuotedSpan::Kind::BlockComment)) return i;
    i = span->end;
  }
  return std::string_view::npos;
}

}  // namespace

std::size_t skip_blank(std::string_view text, std::size_t begin, std::size_t end, SqlFlavor flavor) {
  std::size_t at = first_code(text, begin, end, flavor);
  return at == std::string_view::npos ? end : at;
}

std::vector<LexedStatement> lex_statements(std::string_view text, SqlFlavor flavor) {
  std::vector<LexedStatement> out;
  auto upper_word = [&](std::size_t& i, std::size_t end) {
    std::string word;
    while (i < end && ident_char(text[i])) word += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i++])));
    return word;
  };
  for_each_piece(text, flavor, [&](std::size_t b, std::size_t e) {
    std::size_t at = first_code(text, b, e, flavor);
    if (at == std::string_view::npos) return;
    LexedStatement s;
    s.begin = at;
    s.end = e;
    std::size_t i = at;
    s.first_word = upper_word(i, e);
    std::size_t next = first_code(text, i, e, flavor);
    if (next != std::string_view::npos) s.second_word = upper_word(next, e);
    out.push_back(std::move(s));
  });
  return out;
}

}  // namespace miglint
