// How miglint keys a PostgreSQL table, so that every rule and the statement analysis agree that
// `"public"."users"`, `public.users` and `users` are one table.
#pragma once

#include <string>
#include <string_view>

namespace miglint {

// "schema.name", or "name" alone when the schema is public or not given. schema and name are as
// PostgreSQL's parser gives them: quotes removed and unquoted identifiers already lower-cased.
std::string table_key(std::string_view schema, std::string_view name);

// The key of the table `key` once renamed to new_name: ALTER TABLE ... RENAME keeps its schema.
std::string renamed_table_key(std::string_view key, std::string_view new_name);

}  // namespace miglint
