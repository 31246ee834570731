// How deep PostgreSQL's tree of a piece of SQL could nest, judged from its tokens before it is
// parsed. libpg_query writes its trees out by recursion without a depth check, so a statement
// like SELECT 1+1+...+1 of 100,000 terms overflows the stack; such statements are refused.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace miglint {

// Statements whose estimate exceeds this are not parsed. Real migrations stay far below it;
// the parser's own stack holds several tens of thousands of levels.
inline constexpr std::size_t kMaxSqlNesting = 1000;

// Where an upper estimate of text's nesting first exceeds limit, if it does. It counts open
// brackets plus, within each bracket, the operators that chain their operands into ever deeper
// trees (1+1+1, x::a::b, a JOIN b JOIN c, SELECT ... UNION SELECT ...); commas, AND, OR and
// CASE's keywords separate sibling operands.
std::optional<std::size_t> sql_nesting_exceeds(std::string_view text, std::size_t limit);

// PostgreSQL's scanner reads a run of operator characters (+-*/<>=~!@#%^&|`?) again after each
// token it cuts from it, and inside a block comment again after each "/*": "SELECT 1 +-+-...",
// "*/*/...", or "/*/*/*..." of 50 KB take seconds, of 400 KB minutes. Real SQL has runs of a few
// characters; statements with a run longer than this (outside strings and comments), or a comment
// run holding more "/*" than this, are not parsed.
inline constexpr std::size_t kMaxOperatorRun = 256;

// Where the first such run starts, if text has one.
std::optional<std::size_t> sql_operator_run_exceeds(std::string_view text, std::size_t limit);

}  // namespace miglint
