// The canonical spellings every schema builder writes, so that a snapshot's "varchar(255)", the
// SQL's VARCHAR(255) and the catalog's "character varying(255)" are one type, and a default of
// 'x' written by drizzle-kit equals PostgreSQL's 'x'::text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace miglint::schema {

// PostgreSQL: format_type()'s spelling: "integer", "bigint", "character varying(255)",
// "timestamp(3) with time zone", "numeric(10,2)", "text[]", user types as "schema.name" unless public.
// serial / bigserial / smallserial are the integer types they stand for (the default is the caller's).
std::string canonical_type(std::string_view type);

// An expression as text, compared after: PostgreSQL's own parser reads and reprints it (one
// parenthesisation whatever was written: "((a > 1) AND (b < 2))" is "a > 1 and b < 2"; a view's
// SELECT too), white space collapsed outside quotes, keywords and unquoted identifiers
// lower-cased, quotes dropped where not needed, redundant outer parentheses removed, casts of a
// literal to its own obvious type dropped ('x'::text -> 'x', 'x'::character varying -> 'x',
// '-1'::integer -> -1), a column's ::text dropped (the catalog shows varchar -> text conversions),
// and lists of constants written as PostgreSQL stores them (x IN (1, 2) -> x = any(array[1, 2])).
// Text PostgreSQL cannot parse (SQLite, MySQL) goes through the same steps but the reprint.
std::string canonical_expression(std::string_view expression);
// The same, for an expression on one table (a check, a generated column, an index's key or
// predicate): references qualified with that table lose the qualifier, as PostgreSQL prints them
// ("users"."age" > 0 -> age > 0). own_table is the table's name as the parser gives it.
std::string canonical_expression(std::string_view expression, std::string_view own_table);

// A view's query, comparable whoever wrote it: canonical_expression(), then column references
// without their table or schema qualifier (PostgreSQL qualifies them in a view's definition),
// LIKE for PostgreSQL's ~~, and aliases that repeat the column's own name dropped. None where
// PostgreSQL's definition cannot be matched (SELECT *, BETWEEN, SIMILAR TO): the definition is
// then unknown, and never reported as different.
std::optional<std::string> canonical_view_definition(std::string_view query);

// A column default: canonical_expression(), and nextval('t_id_seq'::regclass) kept as
// nextval('t_id_seq') (the sequence a serial makes). A default that is a literal loses its cast
// whatever the type, since PostgreSQL converts it to the column's type anyway ('active'::status,
// as the catalog prints an enum default, is drizzle-kit's 'active'), and a quoted number is the
// number ('-1'::integer, '10.50' -> -1, 10.50).
std::string canonical_default(std::string_view expression);
// The same for a column of a known canonical type. A json or jsonb default is the JSON value it
// holds, printed one way (jsonb: keys in jsonb's order, ", " and ": " as PostgreSQL prints jsonb),
// and a string literal that is not JSON is the JSON string drizzle-orm means by it: drizzle-kit
// writes .default("none") on a jsonb column as 'none', which the SQL must spell '"none"'::jsonb.
std::string canonical_default(std::string_view expression, std::string_view column_type);

// The canonical default of a serial column: nextval('<table>_<column>_seq'), the name truncated to
// 63 bytes as PostgreSQL truncates it, schema-qualified unless public, parts quoted as needed.
std::string serial_default(std::string_view schema, std::string_view table, std::string_view column);

// PostgreSQL's limit on names (NAMEDATALEN - 1 = 63 bytes): its parser cuts a longer identifier,
// on a UTF-8 character boundary. A snapshot keeps such names whole.
std::string truncated_identifier(std::string_view name);

// What follows an index key in the model (model.h Index::keys): its operator class unless it is
// the default one of the access method (PostgreSQL does not print those: text_ops, int4_ops,
// uuid_ops, jsonb_ops...), " desc", then " nulls first" / " nulls last" where not the default for
// the direction. The key's collation is not modelled: whether PostgreSQL shows it depends on the
// column's own collation, which no model holds.
std::string index_key_options(std::string_view opclass, std::string_view method, bool descending,
                              std::optional<bool> nulls_first);
bool is_default_operator_class(std::string_view opclass, std::string_view method);

// One key of CREATE INDEX as SQL text ("created_at" DESC, lower(email) text_pattern_ops,
// "id" COLLATE "C" NULLS FIRST) read by PostgreSQL's parser: the column name or canonical
// expression, then index_key_options(). None when the parser does not read it as one index key.
std::optional<std::string> index_key_from_sql(std::string_view key, std::string_view own_table,
                                              std::string_view method);

}  // namespace miglint::schema
