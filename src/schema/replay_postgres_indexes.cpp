// Indexes: CREATE INDEX with its keys as PostgreSQL prints them, DROP INDEX, and renames.
#include <algorithm>
#include <cctype>

#include "schema/normalize.h"
#include "schema/replay_postgres_internal.h"

namespace miglint::schema::pg_replay {

namespace {

// An index key's expression as written: "(a + b)" or a function call "lower(email)".
std::string index_expression(std::string_view text, Span piece) {
  const Span first = next_token(text, piece.begin);
  if (slice(text, first) == "(") {
    if (auto group = group_after(text, piece.begin, piece.end + 1)) return std::string(slice(text, *group));
  }
  if (auto call = group_after(text, skip_name(text, piece.begin), piece.end + 1)) {
    return std::string(slice(text, {piece.begin, call->end + 1}));
  }
  return std::string(slice(text, piece));
}

// After a key, as PostgreSQL prints it (normalize.h index_key_options): its operator class when
// not the default, then DESC and NULLS FIRST/LAST where they are not the default.
std::string key_options(const Json& elem, const std::string& method) {
  std::string opclass;
  if (const auto names = strings(list(elem, "opclass")); !names.empty()) opclass = names.back();
  std::transform(opclass.begin(), opclass.end(), opclass.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const bool descending = str(elem, "ordering") == "SORTBY_DESC";
  const std::string nulls = str(elem, "nulls_ordering");
  std::optional<bool> nulls_first;
  if (nulls == "SORTBY_NULLS_FIRST" || nulls == "SORTBY_NULLS_LAST") nulls_first = nulls == "SORTBY_NULLS_FIRST";
  return index_key_options(opclass, method, descending, nulls_first);
}

// What PostgreSQL names an unnamed index after: its columns, a function's name, or "expr".
std::string naming_column(const Json& elem) {
  if (std::string name = str(elem, "name"); !name.empty()) return name;
  if (const Json& call = child(child(elem, "expr"), "FuncCall"); call.is_object()) {
    const auto parts = strings(child(call, "funcname"));
    if (!parts.empty()) return parts.back();
  }
  return "expr";
}

}  // namespace

void create_index(Context& ctx, const Json& node) {
  const Json& relation = child(node, "relation");
  if (is_temporary(relation)) return;
  const QualifiedName table_name = range_var_name(relation);
  Table* table = ctx.schema.table(table_name);
  if (!table) {
    if (knows_schema(ctx.schema, table_name.schema)) ctx.is_missing("table " + display(table_name), false);
    return;
  }
  ctx.touch(Touched::Kind::Table, table_name);
  Index index;
  index.unique = flag(node, "unique");
  index.nulls_not_distinct = flag(node, "nulls_not_distinct");
  if (std::string method = str(node, "accessMethod"); !method.empty()) index.method = method;
  const auto params = group_after(ctx.text, skip_name(ctx.text, location_of(relation)));
  const std::vector<Span> pieces = params ? split_commas(ctx.text, params->begin, params->end) : std::vector<Span>{};
  const Json& elems = list(node, "indexParams");
  std::vector<std::string> naming;
  for (std::size_t i = 0; i < elems.size(); ++i) {
    const Json& elem = child(elems[i], "IndexElem");
    naming.push_back(naming_column(elem));
    std::string key = str(elem, "name");
    if (key.empty() && pieces.size() == elems.size()) {
      key = canonical_expression(index_expression(ctx.text, pieces[i]), table_name.name);
    } else if (key.empty()) {
      key = "?";
      index.unknown = true;
    }
    index.keys.push_back(key + key_options(elem, index.method));
  }
  if (node.contains("whereClause")) {
    const std::size_t where = params ? find_word(ctx.text, params->end + 1, "WHERE") : std::string_view::npos;
    if (where == std::string_view::npos) {
      index.unknown = true;
    } else {
      const std::size_t begin = next_token(ctx.text, where + 5).begin;
      index.where = canonical_expression(slice(ctx.text, {begin, statement_end(ctx.text, begin)}), table_name.name);
    }
  }
  index.name = str(node, "idxname");
  if (index.name.empty()) {
    index.name = choose_name(ctx.schema, table_name.schema, table_name.name, name_addition(naming),
                             index.unique ? "key" : "idx");
  }
  const QualifiedName qualified{table_name.schema, index.name};
  if (relation_exists(ctx.schema, qualified)) {
    ctx.exists_already("index " + display(qualified), flag(node, "if_not_exists"));
    return;
  }
  table->indexes[index.name] = index;
  ctx.created("index " + display(qualified));
}

void drop_indexes(Context& ctx, const Json& node) {
  for (const Json& object : list(node, "objects")) {
    const QualifiedName name = name_from_parts(strings(child(child(object, "List"), "items")));
    Table* table = table_of_index(ctx.schema, name.schema, name.name);
    if (table && table->indexes.erase(name.name)) {
      ctx.touch(Touched::Kind::Table, table->name);
      continue;
    }
    if (table) continue;  // a constraint's index: PostgreSQL refuses, the constraint stays
    const bool maybe_in_unknown_table = std::any_of(ctx.schema.tables.begin(), ctx.schema.tables.end(), [&](const auto& t) {
      return t.first.schema == name.schema && t.second.unknown;
    });
    if (!maybe_in_unknown_table && knows_schema(ctx.schema, name.schema)) {
      ctx.is_missing("index " + display(name), flag(node, "missing_ok"));
    }
  }
}

bool rename_index(Context& ctx, const QualifiedName& index, const std::string& new_name) {
  Table* table = table_of_index(ctx.schema, index.schema, index.name);
  if (!table) return false;
  ctx.touch(Touched::Kind::Table, table->name);
  if (relation_exists(ctx.schema, {index.schema, new_name})) {
    ctx.exists_already("index " + display({index.schema, new_name}), false);
    return true;
  }
  if (auto node = table->indexes.extract(index.name)) {
    node.key() = new_name;
    node.mapped().name = new_name;
    table->indexes.insert(std::move(node));
  } else {
    rename_constraint(ctx, *table, index.name, new_name);  // renaming its index renames the constraint
  }
  return true;
}


}  // namespace miglint::schema::pg_replay
