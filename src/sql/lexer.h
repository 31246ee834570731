// The parts of SQL text where a statement breakpoint or a keyword does not count: string
// literals, quoted identifiers, dollar-quoted bodies and comments, per dialect.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
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
// The quoted span or comment that starts at text[at], if one does.
std::optional<QuotedSpan> quoted_span_at(std::string_view text, std::size_t at, SqlFlavor flavor);

// The first byte in [begin, end) that is neither white space nor comment, or end.
std::size_t skip_blank(std::string_view text, std::size_t begin, std::size_t end, SqlFlavor flavor);

// A statement found without a parser: pieces separated by ';' outside quotes, comments and
// routine bodies (CREATE TRIGGER/PROCEDURE/FUNCTION/EVENT ... BEGIN ... END with the IF, CASE,
// LOOP, WHILE and REPEAT blocks inside, and MariaDB's BEGIN NOT ATOMIC ... END), holding more
// than white space and comments. The server receives such a body with its statement.
struct LexedStatement {
  std::size_t begin = 0;    // its first word
  std::size_t end = 0;
  std::string first_word;   // upper-cased
  std::string second_word;  // upper-cased, may be empty
};
std::vector<LexedStatement> lex_statements(std::string_view text, SqlFlavor flavor);

}  // namespace miglint
