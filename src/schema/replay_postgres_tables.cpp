// Tables and columns: CREATE TABLE [AS], DROP TABLE, renames and moves of tables (and of the other
// relations that share their names: views, sequences, indexes) and of columns.
#include <algorithm>

#include "schema/normalize.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

// Where an element of CREATE TABLE's list starts.
std::size_t element_location(const Json& element) {
  if (!element.is_object()) return std::string_view::npos;
  for (const auto& [kind, body] : element.items()) {
    long long at = integer(body, "location", -1);
    if (at < 0) at = integer(child(body, "relation"), "location", -1);
    if (at >= 0) return static_cast<std::size_t>(at);
  }
  return std::string_view::npos;
}

std::size_t limit_before(const Json& list, std::size_t i, std::size_t otherwise) {
  return i + 1 < list.size() ? element_location(list[i + 1]) : otherwise;
}

void rekey_table(Schema& schema, const QualifiedName& from, const QualifiedName& to) {
  auto node = schema.tables.extract(from);
  node.key() = to;
  node.mapped().name = to;
  schema.tables.insert(std::move(node));
  for (auto& [qn, t] : schema.tables) {
    for (auto& [name, fk] : t.foreign_keys) {
      if (fk.references == from) fk.references = to;
    }
  }
}

template <class Map>
void rekey(Map& map, const QualifiedName& from, const QualifiedName& to) {
  auto node = map.extract(from);
  node.key() = to;
  node.mapped().name = to;
  map.insert(std::move(node));
}

// A sequence renamed: the serial defaults that name it follow (PostgreSQL keeps them by oid).
void rename_sequence_in_defaults(Schema& schema, const QualifiedName& from, const QualifiedName& to) {
  const std::string old_default = nextval_default(from);
  for (auto& [qn, t] : schema.tables) {
    for (Column& c : t.columns) {
      if (c.default_value == old_default) c.default_value = nextval_default(to);
    }
  }
}

void rename_column(Schema& schema, Table& table, const std::string& from, const std::string& to) {
  table.column(from)->name = to;
  const std::string& own = table.name.name;
  auto name = [&](std::string& s) {
    if (s == from) s = to;
  };
  auto expression = [&](std::string& e) {
    if (mentions_identifier(e, from)) e = canonical_expression(rename_identifier(e, from, to), own);
  };
  auto optional_expression = [&](std::optional<std::string>& e) {
    if (e) expression(*e);
  };
  if (table.primary_key) std::for_each(table.primary_key->columns.begin(), table.primary_key->columns.end(), name);
  for (auto& [n, fk] : table.foreign_keys) std::for_each(fk.columns.begin(), fk.columns.end(), name);
  for (auto& [n, u] : table.unique_constraints) std::for_each(u.columns.begin(), u.columns.end(), name);
  for (auto& [n, check] : table.checks) expression(check.expression);
  for (auto& [n, index] : table.indexes) {
    for (std::string& key : index.keys) {
      if (key == from) {
        key = to;
      } else {
        expression(key);
      }
    }
    optional_expression(index.where);
  }
  for (Column& c : table.columns) optional_expression(c.generated);
  for (auto& [n, policy] : table.policies) {
    optional_expression(policy.using_expression);
    optional_expression(policy.with_check);
  }
  for (auto& [qn, other] : schema.tables) {
    for (auto& [n, fk] : other.foreign_keys) {
      if (fk.references == table.name) std::for_each(fk.referenced_columns.begin(), fk.referenced_columns.end(), name);
    }
  }
}

bool rename_relation(Context& ctx, const Json& node) {
  const QualifiedName from = range_var_name(child(node, "relation"));
  const QualifiedName to{from.schema, str(node, "newname")};
  const bool missing_ok = flag(node, "missing_ok");
  const bool relation = ctx.schema.tables.count(from) || ctx.schema.views.count(from) || ctx.schema.sequences.count(from);
  if (relation && relation_exists(ctx.schema, to)) {
    ctx.exists_already("relation " + display(to), false);
    return true;
  }
  if (ctx.schema.tables.count(from)) {
    ctx.touch(Touched::Kind::Table, from);
    ctx.touch(Touched::Kind::Table, to);
    rekey_table(ctx.schema, from, to);
  } else if (ctx.schema.views.count(from)) {
    ctx.touch(Touched::Kind::View, from);
    ctx.touch(Touched::Kind::View, to);
    rekey(ctx.schema.views, from, to);
  } else if (ctx.schema.sequences.count(from)) {
    ctx.touch(Touched::Kind::Sequence, from);
    ctx.touch(Touched::Kind::Sequence, to);
    rekey(ctx.schema.sequences, from, to);
    rename_sequence_in_defaults(ctx.schema, from, to);
  } else if (!rename_index(ctx, from, to.name)) {
    // Possibly a sequence a serial or identity column made, which the model does not list.
    rename_sequence_in_defaults(ctx.schema, from, to);
    if (str(node, "renameType") != "OBJECT_SEQUENCE" && knows_schema(ctx.schema, from.schema)) {
      ctx.is_missing("relation " + display(from), missing_ok);
    }
  }
  return true;
}

void rename_column_statement(Context& ctx, const Json& node) {
  const QualifiedName table_name = range_var_name(child(node, "relation"));
  const std::string from = str(node, "subname"), to = str(node, "newname");
  Table* table = ctx.schema.table(table_name);
  if (!table) {
    if (!ctx.schema.views.count(table_name) && knows_schema(ctx.schema, table_name.schema)) {
      ctx.is_missing("table " + display(table_name), flag(node, "missing_ok"));
    }
    return;
  }
  ctx.touch(Touched::Kind::Table, table_name);
  if (!table->column(from)) {
    if (!table->unknown) ctx.is_missing("column " + display(table_name) + "." + from, false);
    return;
  }
  if (table->column(to)) {
    ctx.exists_already("column " + display(table_name) + "." + to, false);
    return;
  }
  rename_column(ctx.schema, *table, from, to);
}

}  // namespace

void add_column(Context& ctx, Table& table, const Json& column_def, std::size_t limit) {
  const std::string name = str(column_def, "colname");
  const ColumnType type = column_type(child(column_def, "typeName"));
  Column column;
  column.name = name;
  column.type = type.type;
  if (type.serial) {
    column.default_value = serial_default(table.name.schema, table.name.name, name);
    column.not_null = true;
  }
  table.columns.push_back(std::move(column));
  const Json& constraints = list(column_def, "constraints");
  for (std::size_t i = 0; i < constraints.size(); ++i) {
    const Json& c = child(constraints[i], "Constraint");
    if (!add_constraint(ctx, table, c, name, limit_before(constraints, i, limit), false)) {
      if (Column* added = table.column(name)) added->unknown = true;
    }
  }
}

void create_table(Context& ctx, const Json& node) {
  const Json& relation = child(node, "relation");
  if (is_temporary(relation)) return;
  const QualifiedName name = range_var_name(relation);
  ctx.touch(Touched::Kind::Table, name);
  if (relation_exists(ctx.schema, name)) {
    ctx.exists_already("table " + display(name), flag(node, "if_not_exists"));
    return;
  }
  Table& table = ctx.schema.tables[name];
  table.name = name;
  // Inherited, partition and typed tables get columns from elsewhere.
  table.unknown = node.contains("inhRelations") || node.contains("partbound") || node.contains("ofTypename");
  const std::size_t created_before = ctx.effect.creates.size();
  const Json& elements = list(node, "tableElts");
  for (std::size_t i = 0; i < elements.size(); ++i) {  // columns first, as PostgreSQL does
    if (const Json& def = child(elements[i], "ColumnDef"); def.is_object()) {
      if (table.column(str(def, "colname"))) continue;  // PostgreSQL refuses the statement
      add_column(ctx, table, def, limit_before(elements, i, std::string_view::npos));
    }
  }
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (elements[i].contains("ColumnDef")) continue;
    const Json& c = child(elements[i], "Constraint");
    if (!c.is_object() ||
        !add_constraint(ctx, table, c, "", limit_before(elements, i, std::string_view::npos), false)) {
      table.unknown = true;  // LIKE, or a constraint the replay does not read
    }
  }
  ctx.effect.creates.resize(created_before);  // its constraints are part of the table
  ctx.created("table " + display(name));
  if ((flag(node, "if_not_exists") || ctx.tolerant) && !knows_schema(ctx.schema, name.schema)) {
    ctx.effect.maybe_created.push_back("table " + display(name));
  }
}

void create_table_as(Context& ctx, const Json& into) {
  const Json& relation = child(into, "rel");
  if (is_temporary(relation)) return;
  const QualifiedName name = range_var_name(relation);
  ctx.touch(Touched::Kind::Table, name);
  if (relation_exists(ctx.schema, name)) {
    ctx.exists_already("table " + display(name), false);
    return;
  }
  Table& table = ctx.schema.tables[name];
  table.name = name;
  table.unknown = true;  // its columns come from a query
  ctx.created("table " + display(name));
  if (ctx.tolerant && !knows_schema(ctx.schema, name.schema)) ctx.effect.maybe_created.push_back("table " + display(name));
}

void drop_column_parts(Table& table, const std::string& column) {
  auto has = [&](const std::vector<std::string>& columns) {
    return std::find(columns.begin(), columns.end(), column) != columns.end();
  };
  if (table.primary_key && has(table.primary_key->columns)) table.primary_key.reset();
  std::erase_if(table.foreign_keys, [&](const auto& e) { return has(e.second.columns); });
  std::erase_if(table.unique_constraints, [&](const auto& e) { return has(e.second.columns); });
  std::erase_if(table.checks, [&](const auto& e) { return mentions_identifier(e.second.expression, column); });
  std::erase_if(table.indexes, [&](const auto& e) {
    const Index& index = e.second;
    return std::any_of(index.keys.begin(), index.keys.end(),
                       [&](const std::string& key) { return key == column || mentions_identifier(key, column); }) ||
           (index.where && mentions_identifier(*index.where, column));
  });
}

void drop_references_to(Context& ctx, const QualifiedName& table) {
  for (auto& [qn, t] : ctx.schema.tables) {
    const auto dropped = std::erase_if(t.foreign_keys, [&](const auto& e) { return e.second.references == table; });
    // Under an IF the drop may not run: the keys may still be there.
    if (dropped > 0) ctx.touch(Touched::Kind::Table, qn);
  }
}

void drop_tables(Context& ctx, const Json& node) {
  const bool cascade = str(node, "behavior") == "DROP_CASCADE";
  for (const Json& object : list(node, "objects")) {
    const QualifiedName name = name_from_parts(strings(child(child(object, "List"), "items")));
    ctx.touch(Touched::Kind::Table, name);
    if (!ctx.schema.tables.erase(name)) {
      if (knows_schema(ctx.schema, name.schema)) ctx.is_missing("table " + display(name), flag(node, "missing_ok"));
      continue;
    }
    drop_references_to(ctx, name);
    // Views that read it go too, and the model does not know which.
    if (cascade) {
      for (auto& [qn, view] : ctx.schema.views) view.unknown = true;
    }
  }
}

bool rename_table_or_column(Context& ctx, const Json& node) {
  const std::string type = str(node, "renameType");
  if (type == "OBJECT_COLUMN") {
    rename_column_statement(ctx, node);
    return true;
  }
  if (type == "OBJECT_TABCONSTRAINT") {
    const QualifiedName table_name = range_var_name(child(node, "relation"));
    if (Table* table = ctx.schema.table(table_name)) {
      ctx.touch(Touched::Kind::Table, table_name);
      rename_constraint(ctx, *table, str(node, "subname"), str(node, "newname"));
    } else if (knows_schema(ctx.schema, table_name.schema)) {
      ctx.is_missing("table " + display(table_name), flag(node, "missing_ok"));
    }
    return true;
  }
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" || type == "OBJECT_SEQUENCE" ||
      type == "OBJECT_INDEX") {
    return rename_relation(ctx, node);
  }
  return false;
}

void move_table(Context& ctx, const Json& node) {
  const QualifiedName from = range_var_name(child(node, "relation"));
  const QualifiedName to{str(node, "newschema"), from.name};
  if (ctx.schema.tables.count(from)) {
    ctx.touch(Touched::Kind::Table, from);
    ctx.touch(Touched::Kind::Table, to);
    rekey_table(ctx.schema, from, to);
  } else if (ctx.schema.views.count(from)) {
    ctx.touch(Touched::Kind::View, from);
    ctx.touch(Touched::Kind::View, to);
    rekey(ctx.schema.views, from, to);
  } else if (ctx.schema.sequences.count(from)) {
    ctx.touch(Touched::Kind::Sequence, from);
    ctx.touch(Touched::Kind::Sequence, to);
    rekey(ctx.schema.sequences, from, to);
  } else if (knows_schema(ctx.schema, from.schema)) {
    ctx.is_missing("relation " + display(from), flag(node, "missing_ok"));
  }
}

}  // namespace miglint::schema::pg_replay
