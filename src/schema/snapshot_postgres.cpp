// PostgreSQL snapshots: what the SQL drizzle-kit generates from them makes in the database.
#include <algorithm>

#include "schema/normalize.h"
#include "schema/snapshot_readers.h"

namespace miglint::schema {

namespace {

using namespace snapshot_json;
using namespace snapshot_parts;

std::string schema_or_public(std::string schema) { return schema.empty() ? "public" : schema; }

// drizzle-kit writes a type that starts like a built-in one as it is, anything else quoted and
// prefixed by its schema unless public (sqlgenerator.ts parseType).
bool starts_like_builtin(std::string_view type) {
  static constexpr std::string_view kBuiltins[] = {
      "uuid", "smallint", "integer", "bigint", "boolean", "text", "varchar", "serial", "bigserial", "decimal",
      "numeric", "real", "json", "jsonb", "time", "timestamp", "date", "interval", "double precision", "char",
      "vector", "geometry", "halfvec", "sparsevec", "bit"};
  return std::any_of(std::begin(kBuiltins), std::end(kBuiltins), [&](std::string_view b) { return type.starts_with(b); });
}

std::string column_type(const std::string& type, const std::optional<std::string>& type_schema) {
  if (starts_like_builtin(type)) return canonical_type(type);
  std::size_t brackets = type.find('[');
  std::string base = type.substr(0, brackets);
  std::string arrays = brackets == std::string::npos ? "" : type.substr(brackets);
  std::string quoted = "\"" + base + "\"";
  if (type_schema && !type_schema->empty() && *type_schema != "public") quoted = "\"" + *type_schema + "\"." + quoted;
  return canonical_type(quoted + arrays);
}

bool is_serial(std::string_view type) {
  return type == "serial" || type == "bigserial" || type == "smallserial" || type == "serial4" ||
         type == "serial8" || type == "serial2";
}

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
  column.name = c.string("name");
  std::string type = c.string("type");
  column.type = column_type(type, c.optional_string("typeSchema"));
  column.not_null = c.boolean("notNull") || c.boolean("primaryKey");
  DefaultValue d = column_default(c);
  column.unknown = d.unknown;
  if (d.value) column.default_value = canonical_default(*d.value);
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
    u.name = c.optional_string("uniqueName").value_or(table.name + "_" + column.name + "_unique");
    u.columns = {column.name};
    u.nulls_not_distinct = c.boolean("nullsNotDistinct");
    uniques[u.name] = u;
  }
  return column;
}

// An index key as PostgreSQL prints it: the column or expression, its operator class when
// given, then DESC and NULLS FIRST/LAST where they are not the default.
std::string index_key(element key, const std::string& table) {
  std::string_view name;
  if (!key.get_string().get(name)) return std::string(name);  // v5, v6: a column name
  object key_object;
  if (key.get_object().get(key_object)) return {};
  Fields k(key_object);
  std::string expression = k.string("expression");
  std::string out = k.boolean("isExpression") ? canonical_expression(expression, table) : expression;
  if (auto opclass = k.optional_string("opclass"); opclass && !opclass->empty()) out += " " + lower(*opclass);
  bool ascending = k.boolean("asc", true);
  if (!ascending) out += " desc";
  std::string nulls = lower(k.string("nulls", ascending ? "last" : "first"));
  if (nulls != (ascending ? "last" : "first")) out += " nulls " + nulls;
  return out;
}

Index read_index(const Fields& i, const std::string& table) {
  Index index;
  index.name = i.string("name");
  index.unique = i.boolean("isUnique");
  index.method = lower(i.string("method", "btree"));
  if (index.method.empty()) index.method = "btree";
  if (auto where = i.optional_string("where")) index.where = canonical_expression(*where, table);
  array keys;
  if (auto value = i.get("columns"); value && !value->get_array().get(keys)) {
    for (element key : keys) index.keys.push_back(index_key(key, table));
  }
  return index;
}

Policy read_policy(object p, const std::string& table) {
  Policy policy;
  policy.name = string_member(p, "name");
  policy.as = lower(string_member(p, "as", "permissive"));
  policy.command = lower(string_member(p, "for", "all"));
  policy.roles = strings_member(p, "to");
  if (policy.roles.empty()) policy.roles = {"public"};
  std::sort(policy.roles.begin(), policy.roles.end());
  if (auto using_expression = optional_string(p, "using")) policy.using_expression = canonical_expression(*using_expression, table);
  if (auto with_check = optional_string(p, "withCheck")) policy.with_check = canonical_expression(*with_check, table);
  return policy;
}

Table read_table(const Fields& t) {
  Table table;
  table.name = {schema_or_public(t.string("schema")), t.string("name")};
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
    table.primary_key = PrimaryKey{string_member(pk, "name"), strings_member(pk, "columns")};
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
      std::string key = fk.name;
      table.foreign_keys[key] = std::move(fk);
    });
  }
  if (auto uniques = t.object_at("uniqueConstraints")) {
    for_each_object(*uniques, [&](object u) {
      UniqueConstraint unique{string_member(u, "name"), strings_member(u, "columns"), bool_member(u, "nullsNotDistinct")};
      table.unique_constraints[unique.name] = unique;
    });
  }
  if (auto checks = t.object_at("checkConstraints")) {
    for_each_object(*checks, [&](object c) {
      CheckConstraint check{string_member(c, "name"), canonical_expression(string_member(c, "value"), name)};
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
  out.name = {schema_or_public(string_member(e, "schema")), string_member(e, "name")};
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
  out.name = {schema_or_public(string_member(s, "schema")), string_member(s, "name")};
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

std::string read_postgres_snapshot(object root, Schema& out, TableSink& sink) {
  auto tables = object_member(root, "tables");
  if (!tables) return "it has no \"tables\" object";
  for_each_object(*tables, [&](object t) { sink.add(t, std::nullopt, [&t] { return read_table(Fields(t)); }); });
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
      view.name = {schema_or_public(string_member(v, "schema")), string_member(v, "name")};
      view.materialized = bool_member(v, "materialized");
      if (auto definition = optional_string(v, "definition")) view.definition = canonical_expression(*definition);
      out.views[view.name] = std::move(view);
    });
  }
  if (auto schemas = object_member(root, "schemas")) {
    for (simdjson::dom::key_value_pair kv : *schemas) {
      std::string_view name;
      if (!kv.value.get_string().get(name) && name != "public") out.schemas.emplace(name);
    }
  }
  return {};
}

}  // namespace miglint::schema
