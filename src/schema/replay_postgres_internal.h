// The parts of replay_postgres() (replay.h) shared by its files: the statement being replayed, the
// text its tree points into, and what it did. Not for use outside src/schema/replay_postgres*.cpp.
#pragma once

#include <nlohmann/json.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.h"
#include "schema/replay.h"

namespace miglint::schema::pg_replay {

using Json = nlohmann::json;

// An object a statement created, changed or dropped, for statements whose outcome is uncertain
// (inside IF in a DO block): those objects end up marked unknown.
struct Touched {
  enum class Kind { Table, Enum, Sequence, View, Schema };
  Kind kind;
  QualifiedName name;
};

struct Context {
  Schema& schema;
  StatementEffect& effect;
  // The text the tree's "location" fields count from, ending where the statement ends.
  std::string_view text;
  // Inside a DO block whose EXCEPTION handler swallows errors, or a statement that may not run at
  // all (inside IF): what would fail does not stop the migration.
  bool tolerant = false;
  std::vector<Touched>* touched = nullptr;  // set while replaying a statement that may not run

  void touch(Touched::Kind kind, const QualifiedName& name) const {
    if (touched) touched->push_back({kind, name});
  }
  // StatementEffect bookkeeping; `what` is a display name such as "table public.users".
  void created(std::string what) const { effect.creates.push_back(std::move(what)); }
  void exists_already(std::string what, bool statement_tolerates) const {
    if (!statement_tolerates && !tolerant) effect.fails = true;
    effect.already_exist.push_back(std::move(what));
  }
  void is_missing(std::string what, bool statement_tolerates) const {
    if (statement_tolerates || tolerant) return;
    effect.fails = true;
    effect.missing.push_back(std::move(what));
  }
};

// ---- tree reading (replay_postgres_text.cpp) ----

// A member, or null when absent (never throws, unlike nlohmann's operator[] on a const object).
const Json& child(const Json& node, const char* key);
// A member that is an array, or an empty array.
const Json& list(const Json& node, const char* key);
long long integer(const Json& node, const char* key, long long otherwise);
// A node's "location" (its offset in the text), 0 when absent.
std::size_t location_of(const Json& node);
// A member's string, or "" when absent.
std::string str(const Json& node, const char* key);
bool flag(const Json& node, const char* key);
// The "sval"s of a list of String nodes, e.g. a qualified name or a column list.
std::vector<std::string> strings(const Json& list);
// A RangeVar as a qualified name, public when it names no schema.
QualifiedName range_var_name(const Json& range_var);
// A list of name parts (["s","t"] or ["t"]) as a qualified name, public when it names no schema.
QualifiedName name_from_parts(const std::vector<std::string>& parts);
std::string display(const QualifiedName& name);  // "public.users"
// A temporary relation: not part of any schema a migration leaves behind.
bool is_temporary(const Json& range_var);
// Whether the model can tell that an object of this schema is missing (it holds the schema and no
// statement made it unknown).
bool knows_schema(const Schema& schema, const std::string& schema_name);

// ---- source text (replay_postgres_text.cpp) ----

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin >= end; }
};

// The first token at or after `from` outside quotes and comments, as [begin, end).
Span next_token(std::string_view text, std::size_t from);
// At paren depth 0 from `from` (stopping at a depth-0 ')' or ';' or at `limit`): the first
// token equal to `word` (case-insensitive), or npos.
std::size_t find_word(std::string_view text, std::size_t from, std::string_view word,
                      std::size_t limit = std::string_view::npos);
// The contents of the parenthesised group that opens at the first '(' at or after `from`.
std::optional<Span> group_after(std::string_view text, std::size_t from, std::size_t limit = std::string_view::npos);
// An expression starting at `from` up to a depth-0 ',', ')' or ';', or `limit`; trimmed.
Span expression_from(std::string_view text, std::size_t from, std::size_t limit = std::string_view::npos);
// The pieces of [begin, end) separated by depth-0 commas, trimmed.
std::vector<Span> split_commas(std::string_view text, std::size_t begin, std::size_t end);
// Past a (possibly qualified, possibly quoted) name starting at `from`.
std::size_t skip_name(std::string_view text, std::size_t from);
// Where the statement's text ends: its first depth-0 ';', or the text's end.
std::size_t statement_end(std::string_view text, std::size_t from);
std::string_view slice(std::string_view text, Span span);

// Identifier tokens of an expression equal to `from` rewritten to `to` (a column renamed).
std::string rename_identifier(std::string_view expression, const std::string& from, const std::string& to);
// Whether an expression mentions the identifier `name` (a column it depends on).
bool mentions_identifier(std::string_view expression, const std::string& name);

// ---- types (replay_postgres_types.cpp) ----

struct ColumnType {
  std::string type;  // canonical
  // serial, bigserial, smallserial: the integer type, a nextval default and NOT NULL.
  bool serial = false;
};
// A TypeName node in format_type's spelling.
ColumnType column_type(const Json& type_name);
// How a column of the user type `name` (an enum) shows its type.
std::string user_type_name(const QualifiedName& name);
// The canonical default nextval('sequence'), as serial_default() (normalize.h) spells it.
std::string nextval_default(const QualifiedName& sequence);

// ---- naming (replay_postgres_types.cpp, replay_postgres_constraints.cpp) ----

// The longest name PostgreSQL keeps, in bytes (NAMEDATALEN - 1).
inline constexpr std::size_t kMaxIdentifierBytes = 63;

// PostgreSQL's makeObjectName: name1_name2_label within 63 bytes, the longer name shortened first.
std::string make_object_name(const std::string& name1, const std::string& name2, const std::string& label);

// PostgreSQL's name for an unnamed constraint or index: name1_name2_label within 63 bytes, made
// unique within the schema with a number after label.
std::string choose_name(const Schema& schema, const std::string& schema_name, const std::string& name1,
                        const std::string& name2, const std::string& label);
// Column names joined by '_' within 63 bytes, as PostgreSQL names unnamed constraints after them.
std::string name_addition(const std::vector<std::string>& columns);

// ---- statements, by concern ----

// replay_postgres_tables.cpp
void create_table(Context& ctx, const Json& node);
// CREATE TABLE ... AS and SELECT ... INTO, from their IntoClause: a table whose columns are unknown.
void create_table_as(Context& ctx, const Json& into);
void alter_table(Context& ctx, const Json& node);
void drop_tables(Context& ctx, const Json& node);
// RENAME of tables, views, sequences, indexes, columns and constraints; false for other objects.
bool rename_table_or_column(Context& ctx, const Json& node);
void move_table(Context& ctx, const Json& node);  // ALTER TABLE ... SET SCHEMA
// A column definition (CREATE TABLE or ADD COLUMN) added to `table`; `limit` bounds its text.
void add_column(Context& ctx, Table& table, const Json& column_def, std::size_t limit);
// What happens to a table's parts when a column goes (indexes and constraints on it go too).
void drop_column_parts(Table& table, const std::string& column);
// Foreign keys of other tables pointing at `table`, dropped with it.
void drop_references_to(Context& ctx, const QualifiedName& table);

// replay_postgres_constraints.cpp
// A Constraint node applied to `table`; `column` is set for a column constraint. `limit` bounds
// its text. False when not understood.
bool add_constraint(Context& ctx, Table& table, const Json& constraint, const std::string& column, std::size_t limit,
                    bool statement_tolerates);
// cascade: foreign keys elsewhere that need a dropped primary key's or unique constraint's index go too.
void drop_constraint(Context& ctx, Table& table, const std::string& name, bool missing_ok, bool cascade);
void rename_constraint(Context& ctx, Table& table, const std::string& from, const std::string& to);
// replay_postgres_indexes.cpp
void create_index(Context& ctx, const Json& node);
void drop_indexes(Context& ctx, const Json& node);
// False when `index` names no index (nor constraint index) in the model.
bool rename_index(Context& ctx, const QualifiedName& index, const std::string& new_name);
// The table holding index `name` in `schema_name`, or null.
Table* table_of_index(Schema& schema, const std::string& schema_name, const std::string& name);
bool relation_exists(const Schema& schema, const QualifiedName& name);

// replay_postgres_views_policies.cpp
void create_view(Context& ctx, const Json& node);
void create_materialized_view(Context& ctx, const Json& node);
void create_policy(Context& ctx, const Json& node);
void alter_policy(Context& ctx, const Json& node);
void rename_policy(Context& ctx, const Json& node);
// DROP POLICY's object: [schema,] table, policy.
void drop_policy(Context& ctx, const std::vector<std::string>& parts, bool missing_ok);

// replay_postgres_objects.cpp
void create_enum(Context& ctx, const Json& node);
void alter_enum(Context& ctx, const Json& node);
void create_sequence(Context& ctx, const Json& node);
void alter_sequence(Context& ctx, const Json& node);
void create_schema(Context& ctx, const Json& node);
// DROP of types, sequences, views, schemas and policies (and of objects outside the model, which
// change nothing). False when not understood.
bool drop_objects(Context& ctx, const Json& node);
// RENAME and SET SCHEMA of types, sequences, views, schemas and policies. False when not understood.
bool rename_object(Context& ctx, const Json& node);
bool move_object(Context& ctx, const Json& node);

}  // namespace miglint::schema::pg_replay
