#include "schema/pg_deparse.h"

#include <pg_query.h>

#include <string>

namespace miglint::schema {

namespace {

// One statement parsed and printed back; none when it does not parse.
std::optional<std::string> reprint_statement(const std::string& statement) {
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(statement.c_str());
  std::optional<std::string> out;
  if (!parsed.error) {
    PgQueryDeparseResult printed = pg_query_deparse_protobuf(parsed.parse_tree);
    if (!printed.error && printed.query != nullptr) out = std::string(printed.query);
    pg_query_free_deparse_result(printed);
  }
  pg_query_free_protobuf_parse_result(parsed);
  return out;
}

}  // namespace

std::optional<std::string> reprint_pg_expression(std::string_view expression) {
  while (!expression.empty() && (expression.back() == ';' || expression.back() == ' ' || expression.back() == '\n')) {
    expression.remove_suffix(1);  // pg_get_viewdef ends a view's query with one
  }
  // A statement terminator or comment would let the text escape the SELECT it is wrapped in.
  if (expression.find(';') != std::string_view::npos || expression.find("--") != std::string_view::npos) {
    return std::nullopt;
  }
  constexpr std::string_view kPrefix = "SELECT ";
  if (auto printed = reprint_statement(std::string(kPrefix) + std::string(expression))) {
    if (printed->starts_with(kPrefix)) return printed->substr(kPrefix.size());
  }
  // A view's query is a statement of its own.
  if (auto printed = reprint_statement(std::string(expression)); printed && printed->starts_with(kPrefix)) return printed;
  return std::nullopt;
}

}  // namespace miglint::schema
