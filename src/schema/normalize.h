// The canonical spellings every schema builder writes, so that a snapshot's "varchar(255)", the
// SQL's VARCHAR(255) and the catalog's "character varying(255)" are one type, and a default of
// 'x' written by drizzle-kit equals PostgreSQL's 'x'::text.
#pragma once

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

// A column default: canonical_expression(), and nextval('t_id_seq'::regclass) kept as
// nextval('t_id_seq') (the sequence a serial makes). A default that is a literal loses its cast
// whatever the type, since PostgreSQL converts it to the column's type anyway ('active'::status,
// as the catalog prints an enum default, is drizzle-kit's 'active'), and a quoted number is the
// number ('-1'::integer, '10.50' -> -1, 10.50).
std::string canonical_default(std::string_view expression);

// The canonical default of a serial column: nextval('<table>_<column>_seq'), the name truncated to
// 63 bytes as PostgreSQL truncates it, schema-qualified unless public, parts quoted as needed.
std::string serial_default(std::string_view schema, std::string_view table, std::string_view column);

}  // namespace miglint::schema
