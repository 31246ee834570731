// How PostgreSQL prints an identifier (quote_identifier): bare when it is a lower-case word that
// is not a reserved or type/column-name keyword, double-quoted otherwise.
#pragma once

#include <string>
#include <string_view>

namespace miglint::schema {

bool identifier_needs_quotes(std::string_view name);
std::string quote_identifier(std::string_view name);

}  // namespace miglint::schema
