#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"

namespace miglint {

namespace {

struct ColumnType {
  std::string name;                  // last part: "varchar", "text", "numeric", "int4"...
  std::vector<long long> modifiers;  // varchar(255) -> {255}; numeric(10, 2) -> {10, 2}
  bool array = false;
};

ColumnType column_type(const nlohmann::json& type_name) {
  ColumnType t{
      safety::last_name(type_name.value("names", nlohmann::json::array())), {}, type_name.contains("arrayBounds")};
  for (const auto& m : type_name.value("typmods", nlohmann::json::array())) {
    t.modifiers.push_back(
        m.value("A_Const", nlohmann::json::object()).value("ival", nlohmann::json::object()).value("ival", 0LL));
  }
  return t;
}

// PostgreSQL changes these types without a rewrite (the column's bytes stay valid as they are).
bool rewrite_free(const ColumnType& from, const ColumnType& to) {
  if (from.array || to.array) return false;
  const bool from_string = from.name == "varchar" || from.name == "text";
  if (from_string && (to.name == "text" || (to.name == "varchar" && to.modifiers.empty()))) return true;
  if (from.name == "varchar" && to.name == "varchar")
    return !from.modifiers.empty() && to.modifiers.at(0) >= from.modifiers.at(0);
  if (from.name == "numeric" && to.name == "numeric") {
    if (to.modifiers.empty()) return true;
    if (from.modifiers.empty()) return false;
    const long long from_scale = from.modifiers.size() > 1 ? from.modifiers[1] : 0;
    const long long to_scale = to.modifiers.size() > 1 ? to.modifiers[1] : 0;
    return to_scale == from_scale && to.modifiers[0] >= from.modifiers[0];
  }
  return from.name == to.name && from.modifiers == to.modifiers;
}

// USING "column"::new_type: the same as no USING at all.
bool only_casts(const nlohmann::json& expr, const std::string& column, const ColumnType& to) {
  const auto& cast = expr.value("TypeCast", nlohmann::json::object());
  const auto& ref = cast.value("arg", nlohmann::json::object()).value("ColumnRef", nlohmann::json::object());
  if (safety::last_name(ref.value("fields", nlohmann::json::array())) != column) return false;
  const ColumnType target = column_type(cast.value("typeName", nlohmann::json::object()));
  return target.name == to.name && target.modifiers == to.modifiers && target.array == to.array;
}

const nlohmann::json* column_def(const nlohmann::json& node) {
  return node.contains("ColumnDef") ? &node["ColumnDef"] : nullptr;
}

}  // namespace

void check_alter_column_type(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  // Only the tables whose columns change type need a history: their statements are the only ones parsed.
  std::set<std::string> changed;
  safety::for_each_statement_in_order(run, [&](const SqlFile&, const SqlStatement& s) {
    if (s.kind == "AlterTableStmt" && safety::mentions(s, {"AT_AlterColumnType"})) changed.insert(s.relation);
  });
  if (changed.empty()) return;
  std::map<std::string, ColumnType> types;  // "table\ncolumn" -> its type so far, from the folder's SQL
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (!changed.count(s.relation)) return;
    if (s.kind == "CreateStmt") {
      for (const auto& element : s.parsed().value("tableElts", nlohmann::json::array())) {
        if (const nlohmann::json* c = column_def(element)) {
          types[s.relation + "\n" + c->value("colname", std::string())] =
              column_type(c->value("typeName", nlohmann::json::object()));
        }
      }
      return;
    }
    if (s.kind == "RenameStmt" && safety::mentions(s, {"OBJECT_COLUMN"})) {  // the type goes with the column
      const nlohmann::json& tree = s.parsed();
      const auto old_name = types.find(s.relation + "\n" + tree.value("subname", std::string()));
      if (old_name == types.end()) return;
      types[s.relation + "\n" + tree.value("newname", std::string())] = old_name->second;
      types.erase(old_name);
      return;
    }
    if (s.kind != "AlterTableStmt" || !safety::mentions(s, {"AT_AddColumn", "AT_AlterColumnType"})) return;
    const nlohmann::json& tree = s.parsed();
    const std::string& table = s.relation;
    safety::for_each_command(tree, [&](const std::string& subtype, const nlohmann::json& cmd) {
      const nlohmann::json* c = cmd.contains("def") ? column_def(cmd["def"]) : nullptr;
      if (!c) return;
      if (subtype == "AT_AddColumn") {
        types[table + "\n" + c->value("colname", std::string())] =
            column_type(c->value("typeName", nlohmann::json::object()));
      }
      if (subtype != "AT_AlterColumnType") return;
      const std::string column = cmd.value("name", std::string());
      const ColumnType to = column_type(c->value("typeName", nlohmann::json::object()));
      const auto from = types.find(table + "\n" + column);
      // USING may compute anything, unless it only casts the column to its new type.
      const bool plain = !c->contains("raw_default") || only_casts(c->at("raw_default"), column, to);
      const bool free = from != types.end() && plain && rewrite_free(from->second, to);
      types[table + "\n" + column] = to;
      if ((free && !c->contains("collClause")) || run.table_is_new(sql, s)) return;
      if (free) {  // only the collation changes: the rows stay, the indexes on the column are rebuilt
        out.report(safety::first_word(sql, s),
                   fmt::format("changing the collation of \"{}\" of {} rebuilds the indexes on it under an ACCESS "
                               "EXCLUSIVE lock, held until every pending migration has run",
                               column, table),
                   sql.tag)
            .help =
            "Fine for a small table; for a large one, expect reads and writes to wait while the indexes are "
            "rebuilt, or add a new column with the collation and switch to it.";
        return;
      }
      out.report(safety::first_word(sql, s),
                 fmt::format("changing the type of \"{}\" of {} usually rewrites the table and its indexes under "
                             "an ACCESS EXCLUSIVE lock, and code still deployed may not handle the new type",
                             column, table),
                 sql.tag)
          .help =
          "Safe only for a few changes, which this rule does not report (varchar to text or to a longer "
          "varchar, numeric to a wider precision). Otherwise add a new column, backfill it in batches, "
          "switch the code, and drop the old column later.";
    });
  });
}

}  // namespace miglint
