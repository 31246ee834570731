// The parts of SQL text where a statement breakpoint or a keyword does not count: string
// literals, quoted identifiers, dollar-quoted bodies and comments, per dialect.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace miglint {

enum class SqlFlavor { Postgres, MySql, Sqlite };

struct QuotedSpan {
  enum class Kind { String, Identifier, DollarQuoted, LineComment, BlockComment };
  std::size_t begin = 0;
  std::size_t end = 0;  // exclusive; the text's end when unterminated
  Kind kind = Kind::String;
};

// Every quoted span and comment in text, in order.
std::vector<QuotedSpan> quoted_spans(std::string_view text, SqlFlavor flavor);

// True when text holds nothing but white space and comments.
bool is_blank_sql(std::string_view text, SqlFlavor flavor);

// Statements in text as the drivers see them: pieces separated by ';' outside quotes that hold
// more than white space and comments.
std::size_t count_statements(std::string_view text, SqlFlavor flavor);

// The first word of each statement, upper-cased (for dialects without a parser).
std::vector<std::string_view> statement_keywords(std::string_view text, SqlFlavor flavor);

}  // namespace miglint
