// PostgreSQL snapshots: what the SQL drizzle-kit generates from them makes in the database.
#include <algorithm>

#include "schema/normalize.h"
#include "schema/pg_identifier.h"
#include "schema/snapshot_readers.h"

namespace miglint::schema {

namespace snapshot_parts {

using namespace snapshot_json;

// Names as PostgreSQL keeps them: its parser cuts what is over 63 bytes (truncated_identifier),
// so the SQL drizzle-kit writes from a snapshot makes objects with the cut names.
std::string schema_or_public(const std::string& schema) { return schema.empty() ? "public" : truncated_identifier(schema); }

QualifiedName pg_name(const std::string& schema, const std::string& name) {
  return {schema_or_public(schema), truncated_identifier(name)};
}

std::vector<std::string> pg_names(std::vector<std::string> names) {
  for (std::string& name : names) name = truncated_identifier(name);
  return names;
}

// drizzle-kit writes a type that starts like a built-in one as it is, anything else quoted and
// prefixed by its schema unless public (sqlgenerator.ts parseType).
bool starts_like_builtin(std::string_view type) {
  static constexpr std::string_view kBuiltins[] = {
      "uuid", "smallint", "integer", "bigint", "boolean", "text", "varchar", "serial", "bigserial", "decimal",
      "numeric", "real", "json", "jsonb", "time", "timestamp", "date", "interval", "double precision", "char",
      "vector", "geometry", "halfvec", "sparsevec", "bit"};
  return std::any_of(std::begin(kBuiltins), std::end(kBuiltins), [&](std::string_view b) { return type.starts_with(b); });
}

// A custom type written with its collation (customType returning 'text COLLATE "C"'): the model
// keeps the type; PostgreSQL keeps the collation apart from it.
std::string without_collation(const std::string& type) {
  std::string lowered = lower(type);
  std::size_t at = lowered.find(" collate ");
  return at == std::string::npos ? type : type.substr(0, at);
}

std::string column_type(const std::string& written, const std::optional<std::string>& type_schema) {
  const std::string type = without_collation(written);
  if (starts_like_builtin(type)) return canonical_type(type);
  std::size_t brackets = type.find('[');
  std::string base = truncated_identifier(type.substr(0, brackets));
  std::string arrays = brackets == std::string::npos ? "" : type.substr(brackets);
  std::string quoted = "\"" + base + "\"";
  if (type_schema && !type_schema->empty() && *type_schema != "public") {
    quoted = "\"" + truncated_identifier(*type_schema) + "\"." + quoted;
  }
  return canonical_type(quoted + arrays);
}

bool is_serial(std::string_view type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial4" ||
         type == "serial8" || type == "serial2";
}

}  // namespace snapshot_parts

namespace {

using namespace snapshot_json;
using namespace snapshot_parts;

std::optional<Identity> identity(std::optional<element> value) {
  if (!value) return std::nullopt;
  object spec;
  std::string_view squashed;
  std::string type;
  if (!value->get_object().get(spec)) {
    type = string_member(spec, "type");
  } else if (!value->get_string().get(squashed)) {  // name;type;... as older kits squashed it
    std::size_t first = squashed.find(';');
    if (first != std::string_view::npos) type = std::string(squashed.substr(first + 1, squashed.find(';', first + 1) - first - 1));
  } else {
    return std::nullopt;
  }
  return Identity{type == "always" ? "always" : "by default"};
}

Column read_column(const Fields& c, const QualifiedName& table, std::map<std::string, UniqueConstraint>& uniques) {
  Column column;
  column.name = truncated_identifier(c.string("name"));
  std::string type = c.string("type");
  column.type = column_type(type, c.optional_string("typeSchema"));
  column.not_null = c.boolean("notNull") || c.boolean("primaryKey");
  DefaultValue d = column_default(c);
  column.unknown = d.unknown;
  if (d.value) column.default_value = canonical_default(*d.value, column.type);
  if (is_serial(lower(type))) {
    column.default_value = serial_default(table.schema, table.name, column.name);
    column.not_null = true;
  }
  column.identity = identity(c.get("identity"));
  if (column.identity) column.not_null = true;
  if (auto generated = c.object_at("generated")) {
    if (auto as = optional_string(*generated, "as")) column.generated = canonical_expression(*as, table.name);
  }
  if (c.boolean("isUnique")) {
    UniqueConstraint u;
    u.name = truncated_identifier(c.optional_string("uniqueName").value_or(table.name + "_" + column.name + "_unique"));
    u.columns = {column.name};
    u.nulls_not_distinct = c.boolean("nullsNotDistinct");
    uniques[u.name] = u;
  }
  return column;
}

// An index key as PostgreSQL prints it: the expression as written (it may carry its own DESC,
// operator class or COLLATE: .on(sql`"created_at" DESC`)) or the column, then the operator class,
// DESC and NULLS FIRST/LAST the snapshot records, read as PostgreSQL reads such a key
// (normalize.h index_key_from_sql). drizzle-kit's SQL leaves DESC and NULLS out after an operator
// class; the model keeps what the snapshot declares, so that an index made without them shows.
std::string index_key(element key, const std::string& table, const std::string& method) {
  std::string_view name;
  if (!key.get_string().get(name)) return truncated_identifier(name);  // v5, v6: a column name
  object key_object;
  if (key.get_object().get(key_object)) return {};
  Fields k(key_object);
  const std::string expression = k.string("expression");
  const bool is_expression = k.boolean("isExpression");
  std::string sql = is_expression ? expression : quote_identifier(expression);
  const std::string opclass = k.string("opclass");
  const bool ascending = k.boolean("asc", true);
  const std::string nulls = lower(k.string("nulls", ascending ? "last" : "first"));
  if (!opclass.empty()) sql += " " + opclass;
  if (!ascending) sql += " DESC";
  if (nulls != (ascending ? "last" : "first")) sql += " NULLS " + nulls;
  if (auto parsed = index_key_from_sql(sql, table, method)) return *parsed;
  // Not an index key PostgreSQL reads: the expression alone, still comparable with itself.
  return is_expression ? canonical_expression(expression, table) : truncated_identifier(expression);
}

Index read_index(const Fields& i, const std::string& table) {
  Index index;
  index.name = truncated_identifier(i.string("name"));
  index.unique = i.boolean("isUnique");
  index.method = lower(i.string("method", "btree"));
  if (index.method.empty()) index.method = "btree";
  if (auto where = i.optional_string("where")) index.where = canonical_expression(*where, table);
  array keys;
  if (auto value = i.get("columns"); value && !value->get_array().get(keys)) {
    for (element key : keys) index.keys.push_back(index_key(key, table, index.method));
  }
  return index;
}

Policy read_policy(object p, const std::string& table) {
  Policy policy;
  policy.name = truncated_identifier(string_member(p, "name"));
  policy.as = lower(string_member(p, "as", "permissive"));
  policy.command = lower(string_member(p, "for", "all"));
  policy.roles = pg_names(strings_member(p, "to"));
  if (policy.roles.empty()) policy.roles = {"public"};
  std::sort(policy.roles.begin(), policy.roles.end());
  if (auto using_expression = optional_string(p, "using")) policy.using_expression = canonical_expression(*using_expression, table);
  if (auto with_check = optional_string(p, "withCheck")) policy.with_check = canonical_expression(*with_check, table);
  return policy;
}

Table read_table(const Fields& t) {
  Table table;
  table.name = pg_name(t.string("schema"), t.string("name"));
  const std::string& name = table.name.name;
  std::vector<std::string> flagged_key;
  if (auto columns = t.object_at("columns")) {
    for_each_object(*columns, [&](object column) {
      Fields c(column);
      table.columns.push_back(read_column(c, table.name, table.unique_constraints));
      if (c.boolean("primaryKey")) flagged_key.push_back(table.columns.back().name);
    });
  }
  if (auto composite = t.object_at("compositePrimaryKeys"); composite && first_object(*composite)) {
    object pk = *first_object(*composite);  // drizzle-kit creates the first one only
    table.primary_key = PrimaryKey{truncated_identifier(string_member(pk, "name")), pg_names(strings_member(pk, "columns"))};
  } else if (!flagged_key.empty()) {
    table.primary_key = PrimaryKey{"", flagged_key};
  }
  if (table.primary_key) {  // PostgreSQL makes primary key columns NOT NULL
    for (const auto& c : table.primary_key->columns) {
      if (Column* column = table.column(c)) column->not_null = true;
    }
  }
  if (auto indexes = t.object_at("indexes")) {
    for_each_object(*indexes, [&](object i) {
      Index index = read_index(Fields(i), name);
      std::string key = index.name;
      table.indexes[key] = std::move(index);
    });
  }
  if (auto fks = t.object_at("foreignKeys")) {
    for_each_object(*fks, [&](object f) {
      Fields fields(f);
      ForeignKey fk = foreign_key(fields, schema_or_public(fields.string("schemaTo")));
      fk.name = truncated_identifier(fk.name);
      fk.columns = pg_names(fk.columns);
      fk.references.name = truncated_identifier(fk.references.name);
      fk.referenced_columns = pg_names(fk.referenced_columns);
      std::string key = fk.name;
      table.foreign_keys[key] = std::move(fk);
    });
  }
  if (auto uniques = t.object_at("uniqueConstraints")) {
    for_each_object(*uniques, [&](object u) {
      UniqueConstraint unique{truncated_identifier(string_member(u, "name")), pg_names(strings_member(u, "columns")),
                              bool_member(u, "nullsNotDistinct")};
      table.unique_constraints[unique.name] = unique;
    });
  }
  if (auto checks = t.object_at("checkConstraints")) {
    for_each_object(*checks, [&](object c) {
      CheckConstraint check{truncated_identifier(string_member(c, "name")), canonical_expression(string_member(c, "value"), name)};
      table.checks[check.name] = check;
    });
  }
  if (auto policies = t.object_at("policies")) {
    for_each_object(*policies, [&](object p) {
      Policy policy = read_policy(p, name);
      table.policies[policy.name] = policy;
    });
  }
  // drizzle-kit enables row level security for a table with policies even without the flag.
  table.rls_enabled = t.boolean("isRLSEnabled") || !table.policies.empty();
  return table;
}

Enum read_enum(object e) {
  Enum out;
  out.name = pg_name(string_member(e, "schema"), string_member(e, "name"));
  auto values = member(e, "values");
  object record;
  if (values && !values->get_object().get(record)) {  // v5: {"sad": "sad", ...}
    for (simdjson::dom::key_value_pair kv : record) {
      std::string_view v;
      if (!kv.value.get_string().get(v)) out.values.emplace_back(v);
    }
  } else {
    out.values = strings_member(e, "values");
  }
  return out;
}

Sequence read_sequence(object s) {
  Sequence out;
  out.name = pg_name(string_member(s, "schema"), string_member(s, "name"));
  const std::pair<const char*, const char*> options[] = {
      {"increment", "increment"}, {"minValue", "min"}, {"maxValue", "max"}, {"startWith", "start"}, {"cache", "cache"}};
  for (const auto& [key, option] : options) {
    auto value = member(s, key);
    if (!value) continue;
    if (auto text = sql_text(*value)) out.options[option] = *text;
  }
  if (auto cycle = member(s, "cycle"); cycle && cycle->is_bool()) out.options["cycle"] = bool_member(s, "cycle") ? "true" : "false";
  return out;
}

}  // namespace

std::string read_postgres_snapshot(object root, Schema* rest, TableSink& sink) {
  auto tables = object_member(root, "tables");
  if (!tables) return "it has no \"tables\" object";
  for_each_object(*tables, [&](object t) { sink.add(t, std::nullopt, [&t] { return read_table(Fields(t)); }); });
  if (!rest) return {};
  Schema& out = *rest;
  if (auto enums = object_member(root, "enums")) {
    for_each_object(*enums, [&](object e) {
      Enum en = read_enum(e);
      out.enums[en.name] = std::move(en);
    });
  }
  if (auto sequences = object_member(root, "sequences")) {
    for_each_object(*sequences, [&](object s) {
      Sequence sequence = read_sequence(s);
      out.sequences[sequence.name] = std::move(sequence);
    });
  }
  if (auto views = object_member(root, "views")) {
    for_each_object(*views, [&](object v) {
      if (bool_member(v, "isExisting")) return;  // made outside drizzle-kit: no migration creates it
      View view;
      view.name = pg_name(string_member(v, "schema"), string_member(v, "name"));
      view.materialized = bool_member(v, "materialized");
      if (auto definition = optional_string(v, "definition")) view.definition = canonical_view_definition(*definition);
      out.views[view.name] = std::move(view);
    });
  }
  if (auto schemas = object_member(root, "schemas")) {
    for (simdjson::dom::key_value_pair kv : *schemas) {
      std::string_view name;
      if (!kv.value.get_string().get(name) && name != "public") out.schemas.insert(truncated_identifier(name));
    }
  }
  return {};
}

}  // namespace miglint::schema
