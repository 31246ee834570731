// Constraints (column and table, added, dropped, renamed) and indexes, with the names PostgreSQL
// gives those the SQL leaves unnamed.
#include <algorithm>

#include "schema/normalize.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

std::string fk_action(const std::string& code) {
  if (code == "r") return "restrict";
  if (code == "c") return "cascade";
  if (code == "n") return "set null";
  if (code == "d") return "set default";
  return "no action";
}

std::string constraint_display(const Table& table, const std::string& name) {
  return "constraint " + name + " on " + display(table.name);
}

bool has_constraint(const Table& t, const std::string& name) {
  return (t.primary_key && t.primary_key->name == name) || t.foreign_keys.count(name) ||
         t.unique_constraints.count(name) || t.checks.count(name);
}

bool constraint_used_in_schema(const Schema& schema, const std::string& schema_name, const std::string& name) {
  for (const auto& [qn, t] : schema.tables) {
    if (qn.schema == schema_name && has_constraint(t, name)) return true;
  }
  return false;
}

// The first column a CHECK's expression refers to, which PostgreSQL names the constraint after.
std::string first_column_referenced(const Json& node) {
  if (node.is_object()) {
    if (const Json& ref = child(node, "ColumnRef"); ref.is_object()) {
      const auto parts = strings(child(ref, "fields"));
      return parts.empty() ? "" : parts.back();
    }
    for (const auto& [key, value] : node.items()) {
      if (std::string found = first_column_referenced(value); !found.empty()) return found;
    }
  } else if (node.is_array()) {
    for (const Json& item : node) {
      if (std::string found = first_column_referenced(item); !found.empty()) return found;
    }
  }
  return "";
}

// The text of a parenthesised expression after `keyword` (CHECK (...), GENERATED ... AS (...)).
std::optional<std::string> group_text(const Context& ctx, std::size_t from, std::string_view keyword, std::size_t limit) {
  const std::size_t at = find_word(ctx.text, from, keyword, limit);
  if (at == std::string_view::npos) return std::nullopt;
  const auto group = group_after(ctx.text, at, limit);
  if (!group) return std::nullopt;
  return std::string(slice(ctx.text, *group));
}

// PRIMARY KEY / UNIQUE ... USING INDEX: the index becomes the constraint's.
std::optional<Index> take_index(Table& table, const std::string& index_name) {
  const auto it = table.indexes.find(index_name);
  if (it == table.indexes.end()) return std::nullopt;
  Index index = it->second;
  table.indexes.erase(it);
  return index;
}

bool same_columns(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

std::string name_addition(const std::vector<std::string>& columns) {
  std::string out;
  for (const std::string& c : columns) {
    if (!out.empty()) out += '_';
    out += c;
    if (out.size() >= kMaxIdentifierBytes) {
      out.resize(kMaxIdentifierBytes);
      break;
    }
  }
  return out;
}

bool relation_exists(const Schema& schema, const QualifiedName& name) {
  if (schema.tables.count(name) || schema.views.count(name) || schema.sequences.count(name)) return true;
  return table_of_index(const_cast<Schema&>(schema), name.schema, name.name) != nullptr;
}

Table* table_of_index(Schema& schema, const std::string& schema_name, const std::string& name) {
  for (auto& [qn, t] : schema.tables) {
    if (qn.schema != schema_name) continue;
    if (t.indexes.count(name) || (t.primary_key && t.primary_key->name == name) || t.unique_constraints.count(name)) {
      return &t;
    }
  }
  return nullptr;
}

std::string choose_name(const Schema& schema, const std::string& schema_name, const std::string& name1,
                        const std::string& name2, const std::string& label) {
  for (int pass = 0;; ++pass) {
    std::string name = make_object_name(name1, name2, pass ? label + std::to_string(pass) : label);
    if (!relation_exists(schema, {schema_name, name}) && !constraint_used_in_schema(schema, schema_name, name)) {
      return name;
    }
  }
}

bool add_constraint(Context& ctx, Table& table, const Json& c, const std::string& column, std::size_t limit,
                    bool statement_tolerates) {
  const std::string type = str(c, "contype");
  const std::size_t at = location_of(c);
  Column* col = column.empty() ? nullptr : table.column(column);
  const std::string& schema_name = table.name.schema;
  if (type == "CONSTR_NULL" || type == "CONSTR_NOTNULL") {
    if (!col) return false;
    col->not_null = type == "CONSTR_NOTNULL";
    return true;
  }
  if (type == "CONSTR_DEFAULT") {
    const std::size_t word = col ? find_word(ctx.text, at, "DEFAULT", limit) : std::string_view::npos;
    if (word == std::string_view::npos) return false;
    const Span expression = expression_from(ctx.text, word + 7, limit);
    if (expression.empty()) return false;
    col->default_value = canonical_default(slice(ctx.text, expression), col->type);
    return true;
  }
  if (type == "CONSTR_IDENTITY") {
    if (!col) return false;
    col->identity = Identity{str(c, "generated_when") == "a" ? "always" : "by default"};
    col->not_null = true;
    return true;
  }
  if (type == "CONSTR_GENERATED") {
    const auto expression = col ? group_text(ctx, at, "AS", limit) : std::nullopt;
    if (!expression) return false;
    col->generated = canonical_expression(*expression, table.name.name);
    return true;
  }
  if (type == "CONSTR_EXCLUSION" || type.starts_with("CONSTR_ATTR_")) return true;  // not in the model

  std::string name = str(c, "conname");
  if (!name.empty() && has_constraint(table, name)) {
    ctx.exists_already(constraint_display(table, name), statement_tolerates);
    return true;
  }
  if (type == "CONSTR_CHECK") {
    const auto expression = group_text(ctx, at, "CHECK", limit);
    if (!expression) return false;
    if (name.empty()) {
      const std::string named_after = column.empty() ? first_column_referenced(child(c, "raw_expr")) : column;
      name = choose_name(ctx.schema, schema_name, table.name.name, named_after, "check");
    }
    table.checks[name] = CheckConstraint{name, canonical_expression(*expression, table.name.name)};
    ctx.created(constraint_display(table, name));
    return true;
  }
  if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE") {
    std::vector<std::string> columns = column.empty() ? strings(list(c, "keys"))
                                                      : std::vector<std::string>{column};
    bool nulls_not_distinct = flag(c, "nulls_not_distinct");
    if (const std::string index = str(c, "indexname"); !index.empty()) {
      auto taken = take_index(table, index);
      if (!taken) return false;
      columns = taken->keys;
      nulls_not_distinct = taken->nulls_not_distinct;
      if (name.empty()) name = index;
    }
    const bool primary = type == "CONSTR_PRIMARY";
    if (primary && table.primary_key) {
      ctx.exists_already("primary key of " + display(table.name), statement_tolerates);
      return true;
    }
    if (name.empty()) {
      name = choose_name(ctx.schema, schema_name, table.name.name, primary ? "" : name_addition(columns),
                         primary ? "pkey" : "key");
    } else if (relation_exists(ctx.schema, {schema_name, name})) {
      ctx.exists_already("index " + display({schema_name, name}), statement_tolerates);
      return true;
    }
    if (primary) {
      table.primary_key = PrimaryKey{name, columns};
      for (const std::string& key : columns) {
        if (Column* k = table.column(key)) k->not_null = true;
      }
    } else {
      table.unique_constraints[name] = UniqueConstraint{name, columns, nulls_not_distinct};
    }
    ctx.created(constraint_display(table, name));
    return true;
  }
  if (type == "CONSTR_FOREIGN") {
    ForeignKey fk;
    fk.columns = column.empty() ? strings(list(c, "fk_attrs")) : std::vector<std::string>{column};
    fk.references = range_var_name(child(c, "pktable"));
    fk.referenced_columns = strings(list(c, "pk_attrs"));
    if (fk.referenced_columns.empty()) {  // REFERENCES t alone: t's primary key
      const Table* target = fk.references == table.name ? &table : ctx.schema.table(fk.references);
      if (!target || !target->primary_key) return false;
      fk.referenced_columns = target->primary_key->columns;
    }
    fk.on_delete = fk_action(str(c, "fk_del_action"));
    fk.on_update = fk_action(str(c, "fk_upd_action"));
    fk.name = name.empty() ? choose_name(ctx.schema, schema_name, table.name.name, name_addition(fk.columns), "fkey")
                           : name;
    table.foreign_keys[fk.name] = fk;
    ctx.created(constraint_display(table, fk.name));
    return true;
  }
  return false;
}

void drop_constraint(Context& ctx, Table& table, const std::string& name, bool missing_ok, bool cascade) {
  std::optional<std::vector<std::string>> index_columns;  // a primary key's or unique constraint's
  const bool default_pk_name = name == make_object_name(table.name.name, "", "pkey");
  if (table.primary_key && (table.primary_key->name == name || (table.primary_key->name.empty() && default_pk_name))) {
    index_columns = table.primary_key->columns;
    table.primary_key.reset();
  } else if (const auto u = table.unique_constraints.find(name); u != table.unique_constraints.end()) {
    index_columns = u->second.columns;
    table.unique_constraints.erase(u);
  } else if (!table.foreign_keys.erase(name) && !table.checks.erase(name)) {
    if (!table.unknown) ctx.is_missing(constraint_display(table, name), missing_ok);
    return;
  }
  if (!cascade || !index_columns) return;
  for (auto& [qn, other] : ctx.schema.tables) {  // foreign keys that needed the index go with it
    const auto dropped = std::erase_if(other.foreign_keys, [&](const auto& entry) {
      return entry.second.references == table.name && same_columns(entry.second.referenced_columns, *index_columns);
    });
    if (dropped > 0) ctx.touch(Touched::Kind::Table, qn);  // under an IF they may still be there
  }
}

void rename_constraint(Context& ctx, Table& table, const std::string& from, const std::string& to) {
  if (has_constraint(table, to)) {
    ctx.exists_already(constraint_display(table, to), false);
    return;
  }
  if (table.primary_key && table.primary_key->name == from) {
    table.primary_key->name = to;
  } else if (auto node = table.foreign_keys.extract(from)) {
    node.key() = to;
    node.mapped().name = to;
    table.foreign_keys.insert(std::move(node));
  } else if (auto unique = table.unique_constraints.extract(from)) {
    unique.key() = to;
    unique.mapped().name = to;
    table.unique_constraints.insert(std::move(unique));
  } else if (auto check = table.checks.extract(from)) {
    check.key() = to;
    check.mapped().name = to;
    table.checks.insert(std::move(check));
  } else if (!table.unknown) {
    ctx.is_missing(constraint_display(table, from), false);
  }
}

}  // namespace miglint::schema::pg_replay
