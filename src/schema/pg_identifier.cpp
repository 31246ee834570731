#include "schema/pg_identifier.h"

#include <algorithm>
#include <array>

namespace miglint::schema {

namespace {

// PostgreSQL's keywords that are not "unreserved": quote_identifier() quotes them (sorted).
constexpr std::array<std::string_view, 141> kQuotedKeywords = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
    "bigint", "binary", "bit", "boolean", "both", "case", "cast", "char", "character", "check", "coalesce",
    "collate", "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "dec",
    "decimal", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "extract",
    "false", "fetch", "float", "for", "foreign", "freeze", "from", "full", "grant", "greatest", "group", "grouping",
    "having", "ilike", "in", "initially", "inner", "inout", "int", "integer", "intersect", "interval", "into", "is",
    "isnull", "join", "lateral", "leading", "least", "left", "like", "limit", "localtime", "localtimestamp",
    "national", "natural", "nchar", "none", "normalize", "not", "notnull", "null", "nullif", "numeric", "offset",
    "on", "only", "or", "order", "out", "outer", "overlaps", "overlay", "placing", "position", "precision",
    "primary", "real", "references", "returning", "right", "row", "select", "session_user", "setof", "similar",
    "smallint", "some", "substring", "symmetric", "system_user", "table", "tablesample", "then", "time",
    "timestamp", "to", "trailing", "treat", "trim", "true", "union", "unique", "user", "using", "values",
    "varchar", "variadic", "verbose", "when", "where", "window", "with"};

bool is_quoted_keyword(std::string_view word) {
  return std::binary_search(kQuotedKeywords.begin(), kQuotedKeywords.end(), word);
}

}  // namespace

bool identifier_needs_quotes(std::string_view name) {
  if (name.empty()) return true;
  char first = name.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return true;
  for (char c : name) {
    bool plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!plain) return true;
  }
  return is_quoted_keyword(name);
}

std::string quote_identifier(std::string_view name) {
  if (!identifier_needs_quotes(name)) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace miglint::schema
