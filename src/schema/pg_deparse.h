// An expression read by PostgreSQL's own parser (libpg_query) and printed back: the printed form
// has one parenthesisation whatever the input had, so "(a > 1) AND (b < 2)" and "a > 1 and b < 2"
// print alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace miglint::schema {

// None when the text is not a PostgreSQL expression (or a SELECT query, such as a view's).
std::optional<std::string> reprint_pg_expression(std::string_view expression);

}  // namespace miglint::schema
