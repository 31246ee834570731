#include "schema/pg_deparse.h"

#include <pg_query.h>

#include <string>

namespace miglint::schema {

std::optional<std::string> reprint_pg_expression(std::string_view expression) {
  // A statement terminator or comment would let the text escape the SELECT it is wrapped in.
  if (expression.find(';') != std::string_view::npos || expression.find("--") != std::string_view::npos) {
    return std::nullopt;
  }
  constexpr std::string_view kPrefix = "SELECT ";
  std::string statement = std::string(kPrefix) + std::string(expression);
  PgQueryProtobufParseResult parsed = pg_query_parse_protobuf(statement.c_str());
  std::optional<std::string> out;
  if (!parsed.error) {
    PgQueryDeparseResult printed = pg_query_deparse_protobuf(parsed.parse_tree);
    if (!printed.error && printed.query != nullptr) {
      std::string_view text = printed.query;
      if (text.starts_with(kPrefix)) out = std::string(text.substr(kPrefix.size()));
    }
    pg_query_free_deparse_result(printed);
  }
  pg_query_free_protobuf_parse_result(parsed);
  return out;
}

}  // namespace miglint::schema
