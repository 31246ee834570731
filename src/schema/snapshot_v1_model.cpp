// The model of Drizzle Kit 1.0 rows, normalised as the 0.x snapshots' (snapshot_postgres.cpp,
// snapshot_sqlite_mysql.cpp): each row's fields are read with the same lenient field readers, so
// that a value reads the same whichever format holds it.
#include <simdjson.h>

#include <algorithm>
#include <list>
#include <vector>

#include "schema/normalize.h"
#include "schema/pg_identifier.h"
#include "schema/snapshot_readers.h"
#include "schema/snapshot_v1_state.h"

namespace miglint::schema::v1 {

namespace {

using namespace snapshot_json;
using namespace snapshot_parts;

// A key of a 1.0 index as PostgreSQL reads it (the 0.x reader's index_key does the same with
// the older field names): the expression or quoted column, then the operator class unless the
// default, DESC, and NULLS FIRST/LAST unless the default for the direction.
std::string v1_index_key(const Fields& k, const std::string& table, const std::string& method) {
  const std::string value = k.string("value");
  const bool is_expression = k.boolean("isExpression");
  std::string sql = is_expression ? value : quote_identifier(value);
  if (auto opclass = k.object_at("opclass"); opclass && !bool_member(*opclass, "default")) {
    sql += " " + string_member(*opclass, "name");
  }
  const bool ascending = k.boolean("asc", true);
  const bool nulls_first = k.boolean("nullsFirst", !ascending);
  if (!ascending) sql += " DESC";
  if (nulls_first == ascending) sql += nulls_first ? " NULLS FIRST" : " NULLS LAST";
  if (auto parsed = index_key_from_sql(sql, table, method)) return *parsed;
  return is_expression ? canonical_expression(value, table) : truncated_identifier(value);
}

std::string action(const Fields& f, std::string_view key) {
  std::string value = lower(f.string(key, "no action"));
  return value.empty() ? "no action" : value;
}

class PostgresReader {
 public:
  explicit PostgresReader(Schema& out) : out_(out) {}

  void read(const Fields& r, std::string_view type) {
    if (type == "schemas") {
      const std::string name = r.string("name");
      if (name != "public") out_.schemas.insert(truncated_identifier(name));
    } else if (type == "tables") {
      Table& table = out_.tables[pg_name(r.string("schema"), r.string("name"))];
      table.name = pg_name(r.string("schema"), r.string("name"));
      table.rls_enabled = r.boolean("isRlsEnabled");
    } else if (type == "enums") {
      Enum e{pg_name(r.string("schema"), r.string("name")), r.strings("values")};
      out_.enums[e.name] = e;
    } else if (type == "sequences") {
      sequence(r);
    } else if (type == "views") {
      View view;
      view.name = pg_name(r.string("schema"), r.string("name"));
      view.materialized = r.boolean("materialized");
      if (auto definition = r.optional_string("definition")) view.definition = canonical_view_definition(*definition);
      out_.views[view.name] = std::move(view);
    } else if (type == "columns" || type == "indexes" || type == "fks" || type == "pks" || type == "uniques" ||
               type == "checks" || type == "policies") {
      table_part(r, type);
    }
  }

  // What PostgreSQL makes of a primary key and of policies, as the 0.x reader does.
  void finish() {
    for (auto& [name, table] : out_.tables) {
      if (table.primary_key) {
        for (const std::string& c : table.primary_key->columns) {
          if (Column* column = table.column(c)) column->not_null = true;
        }
      }
      if (!table.policies.empty()) table.rls_enabled = true;
    }
  }

 private:
  void sequence(const Fields& r) {
    Sequence s;
    s.name = pg_name(r.string("schema"), r.string("name"));
    const std::pair<const char*, const char*> options[] = {
        {"incrementBy", "increment"}, {"minValue", "min"}, {"maxValue", "max"}, {"startWith", "start"}, {"cacheSize", "cache"}};
    for (const auto& [key, option] : options) {
      auto value = r.get(key);
      if (!value || value->is_null()) continue;
      if (auto text = sql_text(*value)) s.options[option] = *text;
    }
    if (auto cycle = r.get("cycle"); cycle && cycle->is_bool()) s.options["cycle"] = r.boolean("cycle") ? "true" : "false";
    out_.sequences[s.name] = std::move(s);
  }

  void table_part(const Fields& r, std::string_view type) {
    const QualifiedName owner = pg_name(r.string("schema"), r.string("table"));
    Table& table = out_.tables[owner];
    table.name = owner;
    const std::string& t = owner.name;
    const std::string name = truncated_identifier(r.string("name"));
    if (type == "columns") {
      table.columns.push_back(column(r, owner));
    } else if (type == "pks") {
      table.primary_key = PrimaryKey{name, pg_names(r.strings("columns"))};
    } else if (type == "indexes") {
      Index index;
      index.name = name;
      index.unique = r.boolean("isUnique");
      index.method = lower(r.string("method", "btree"));
      if (index.method.empty()) index.method = "btree";
      if (auto where = r.optional_string("where")) index.where = canonical_expression(*where, t);
      array keys;
      if (auto value = r.get("columns"); value && !value->get_array().get(keys)) {
        for (element key : keys) {
          object key_object;
          if (!key.get_object().get(key_object)) index.keys.push_back(v1_index_key(Fields(key_object), t, index.method));
        }
      }
      table.indexes[name] = std::move(index);
    } else if (type == "fks") {
      ForeignKey fk;
      fk.name = name;
      fk.columns = pg_names(r.strings("columns"));
      fk.references = pg_name(r.string("schemaTo"), r.string("tableTo"));
      fk.referenced_columns = pg_names(r.strings("columnsTo"));
      fk.on_delete = action(r, "onDelete");
      fk.on_update = action(r, "onUpdate");
      table.foreign_keys[name] = std::move(fk);
    } else if (type == "uniques") {
      table.unique_constraints[name] = UniqueConstraint{name, pg_names(r.strings("columns")), r.boolean("nullsNotDistinct")};
    } else if (type == "checks") {
      table.checks[name] = CheckConstraint{name, canonical_expression(r.string("value"), t)};
    } else if (type == "policies") {
      Policy policy;
      policy.name = name;
      policy.as = lower(r.string("as", "permissive"));
      policy.command = lower(r.string("for", "all"));
      policy.roles = pg_names(r.strings("roles"));
      if (policy.roles.empty()) policy.roles = {"public"};
      std::sort(policy.roles.begin(), policy.roles.end());
      if (auto using_expression = r.optional_string("using")) policy.using_expression = canonical_expression(*using_expression, t);
      if (auto with_check = r.optional_string("withCheck")) policy.with_check = canonical_expression(*with_check, t);
      table.policies[name] = std::move(policy);
    }
  }

  static Column column(const Fields& c, const QualifiedName& table) {
    Column column;
    column.name = truncated_identifier(c.string("name"));
    std::string type = c.string("type");
    auto dimensions = c.get("dimensions");
    int64_t count = 0;
    if (dimensions && !dimensions->get_int64().get(count)) {
      for (int64_t i = 0; i < count && i < 8; ++i) type += "[]";
    }
    std::optional<std::string> type_schema = c.optional_string("typeSchema");
    if (type_schema == "pg_catalog") type_schema.reset();
    column.type = column_type(type, type_schema);
    column.not_null = c.boolean("notNull");
    DefaultValue d = column_default(c);
    column.unknown = d.unknown;
    if (d.value) column.default_value = canonical_default(*d.value, column.type);
    if (is_serial(lower(c.string("type")))) {
      column.default_value = serial_default(table.schema, table.name, column.name);
      column.not_null = true;
    }
    if (auto identity = c.object_at("identity")) {
      column.identity = Identity{string_member(*identity, "type") == "always" ? "always" : "by default"};
      column.not_null = true;
    }
    if (auto generated = c.object_at("generated")) {
      if (auto as = optional_string(*generated, "as")) column.generated = canonical_expression(*as, table.name);
    }
    return column;
  }

  Schema& out_;
};

void read_sqlite_row(Schema& out, const Fields& r, std::string_view type) {
  if (type == "views") {
    if (r.boolean("isExisting")) return;
    View view;
    view.name = {"", r.string("name")};
    if (auto definition = r.optional_string("definition")) view.definition = canonical_expression(*definition);
    out.views[view.name] = std::move(view);
    return;
  }
  const bool own = type == "tables";
  const QualifiedName owner{"", r.string(own ? "name" : "table")};
  Table& table = out.tables[owner];
  table.name = owner;
  if (own) return;
  const std::string& t = owner.name;
  const std::string name = r.string("name");
  if (type == "columns") {
    table.columns.push_back(sqlite_mysql_column(r, t));
  } else if (type == "pks") {
    table.primary_key = PrimaryKey{"", r.strings("columns")};  // SQLite keeps no primary key name
  } else if (type == "indexes") {
    Index index;
    index.name = name;
    index.unique = r.boolean("isUnique");
    if (auto where = r.optional_string("where")) index.where = canonical_expression(*where, t);
    array keys;
    if (auto value = r.get("columns"); value && !value->get_array().get(keys)) {
      for (element key : keys) {
        object k;
        if (key.get_object().get(k)) continue;
        std::string text = string_member(k, "value");
        index.keys.push_back(bool_member(k, "isExpression") ? canonical_expression(text, t) : text);
      }
    }
    table.indexes[name] = std::move(index);
  } else if (type == "fks") {
    ForeignKey fk;
    fk.name = name;
    fk.columns = r.strings("columns");
    fk.references = {"", r.string("tableTo")};
    fk.referenced_columns = r.strings("columnsTo");
    fk.on_delete = action(r, "onDelete");
    fk.on_update = action(r, "onUpdate");
    table.foreign_keys[name] = std::move(fk);
  } else if (type == "uniques") {
    table.unique_constraints[name] = UniqueConstraint{name, r.strings("columns"), false};
  } else if (type == "checks") {
    table.checks[name] = CheckConstraint{name, canonical_expression(r.string("value"), t)};
  }
}

template <typename Rows>
SnapshotModel model_of_rows(const Rows& rows, Dialect dialect) {
  Schema schema;
  schema.foreign_key_names_in_sql = dialect == Dialect::SQLite;
  PostgresReader postgres(schema);
  for (const Row& row : rows) {
    const Fields fields(row.fields);
    if (dialect == Dialect::SQLite) {
      read_sqlite_row(schema, fields, row.type);
    } else {
      postgres.read(fields, row.type);
    }
  }
  if (dialect != Dialect::SQLite) postgres.finish();
  return {std::move(schema), {}};
}

}  // namespace

SnapshotModel schema_from_v1_rows(const std::list<Row>& rows, Dialect dialect) { return model_of_rows(rows, dialect); }
SnapshotModel schema_from_v1_rows(const std::vector<Row>& rows, Dialect dialect) { return model_of_rows(rows, dialect); }

}  // namespace miglint::schema::v1
