#include "sql/nesting.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sql/lexer.h"

namespace miglint {

namespace {

bool word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }
bool operator_char(char c) { return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos; }

bool is_one_of(std::string_view word, std::initializer_list<std::string_view> upper) {
  return std::any_of(upper.begin(), upper.end(), [&](std::string_view u) {
    return word.size() == u.size() && std::equal(word.begin(), word.end(), u.begin(), [](char a, char b) {
             return std::toupper(static_cast<unsigned char>(a)) == b;
           });
  });
}

}  // namespace

std::optional<std::size_t> sql_nesting_exceeds(std::string_view text, std::size_t limit) {
  // Each level takes at least one character, so most statements need no scan at all.
  if (text.size() <= limit) return std::nullopt;
  struct Level {
    std::size_t operators = 0;  // since the last separator: one left-deep chain
    std::size_t set_operations = 0;  // UNION and JOIN chains run across commas and ANDs
  };
  std::vector<Level> levels(1);
  std::size_t depth = 0;  // the sum over open levels, plus one per bracket
  auto separate = [&] {
    depth -= levels.back().operators;
    levels.back().operators = 0;
  };
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t token = i;
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (auto span = quoted_span_at(text, i, SqlFlavor::Postgres)) {
      i = span->end;  // a literal, quoted name or comment: one operand at most
    } else if (c == '(' || c == '[') {
      levels.emplace_back();
      ++depth;
      ++i;
    } else if (c == ')' || c == ']') {
      if (levels.size() > 1) {
        depth -= levels.back().operators + levels.back().set_operations + 1;
        levels.pop_back();
      }
      ++i;
    } else if (c == ',') {
      separate();
      ++i;
    } else if (c == ';') {
      levels.assign(1, Level{});
      depth = 0;
      ++i;
    } else if (operator_char(c) || (c == ':' && i + 1 < text.size() && text[i + 1] == ':')) {
      while (i < text.size() && (operator_char(text[i]) || text[i] == ':')) ++i;
      ++levels.back().operators;
      ++depth;
    } else if (word_char(static_cast<unsigned char>(c))) {
      const std::size_t begin = i;
      while (i < text.size() && word_char(static_cast<unsigned char>(text[i]))) ++i;
      const std::string_view word = text.substr(begin, i - begin);
      if (is_one_of(word, {"AND", "OR", "WHEN", "THEN", "ELSE"})) {
        separate();
      } else if (is_one_of(word, {"UNION", "INTERSECT", "EXCEPT", "JOIN"})) {
        ++levels.back().set_operations;
        ++depth;
      } else if (is_one_of(word, {"NOT", "IS", "ISNULL", "NOTNULL", "LIKE", "ILIKE", "SIMILAR", "BETWEEN", "IN",
                                  "COLLATE", "AT", "OPERATOR", "OVERLAPS"})) {
        ++levels.back().operators;
        ++depth;
      }
    } else {
      ++i;
    }
    if (depth > limit) return token;
  }
  return std::nullopt;
}

std::optional<std::size_t> sql_operator_run_exceeds(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::nullopt;
  for (std::size_t i = 0; i < text.size();) {
    const auto span = quoted_span_at(text, i, SqlFlavor::Postgres);
    if (span && span->kind == QuotedSpan::Kind::BlockComment) {
      // Inside: each "/*" makes the scanner read the rest of its run of operator characters again.
      for (std::size_t j = i; j < span->end;) {
        if (!operator_char(text[j])) {
          ++j;
          continue;
        }
        const std::size_t run = j;
        std::size_t openings = 0;
        for (; j < span->end && operator_char(text[j]); ++j) {
          if (text[j] == '/' && j + 1 < span->end && text[j + 1] == '*') ++openings;
        }
        if (openings > limit) return run;
      }
      i = span->end;
    } else if (span) {
      i = span->end;  // strings and line comments are read once
    } else if (operator_char(text[i])) {
      const std::size_t run = i;
      while (i < text.size() && operator_char(text[i])) ++i;
      if (i - run > limit) return run;
    } else {
      ++i;
    }
  }
  return std::nullopt;
}

}  // namespace miglint
