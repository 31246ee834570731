#include "safety/enum_value_reads.h"

#include <optional>
#include <utility>
#include <vector>

#include "schema/normalize.h"

namespace miglint::safety {

namespace {

using nlohmann::json;

const json& field(const json& node, const char* key) {
  static const json kNull;
  if (!node.is_object()) return kNull;
  const auto found = node.find(key);
  return found == node.end() ? kNull : *found;
}

std::string text(const json& node, const char* key) {
  const json& value = field(node, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string string_node(const json& node) { return text(field(node, "String"), "sval"); }

std::string double_quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

EnumRead stronger(EnumRead a, EnumRead b) { return static_cast<int>(a) > static_cast<int>(b) ? a : b; }

// A table the statement names, with the alias it is known by there.
struct InScope {
  schema::QualifiedName table;
  std::string alias;
};

class Reader {
 public:
  Reader(const std::string& value, const std::string& enum_type, const SchemaAround& schemas)
      : value_(value), enum_type_(enum_type), schemas_(schemas) {}

  EnumRead read(std::string_view kind, const json& tree) {
    collect_scope(tree);
    if (kind == "UpdateStmt") {
      read_update(tree);
    } else if (kind == "InsertStmt") {
      read_insert(tree);
    } else if (kind == "AlterTableStmt") {
      read_alter_table(tree);
    } else {
      walk(tree, EnumRead::Unknown);
    }
    return result_;
  }

 private:
  void collect_scope(const json& node) {
    if (node.is_array()) {
      for (const json& item : node) collect_scope(item);
      return;
    }
    if (!node.is_object()) return;
    if (node.contains("relname")) {
      scope_.push_back({table_of(node), text(field(node, "alias"), "aliasname")});
    }
    for (const auto& [key, child] : node.items()) collect_scope(child);
  }

  static schema::QualifiedName table_of(const json& range_var) {
    const std::string schema_name = text(range_var, "schemaname");
    return {schema_name.empty() ? "public" : schema_name, text(range_var, "relname")};
  }

  EnumRead type_read(const json& type_name) const {
    return type_of_names(field(type_name, "names")) == enum_type_ ? EnumRead::AsTheEnum : EnumRead::AsOther;
  }

  // How a column of a table is read: nullopt when the model knows the table lacks it. A schema
  // without the table says nothing (made or dropped by the migration: the other one has it).
  std::optional<EnumRead> column_read(const schema::QualifiedName& table, const std::string& column) const {
    bool unknown = false, other = false, absent = false;
    for (const schema::Schema* s : {schemas_.before, schemas_.after}) {
      if (!s) continue;
      if (s->everything_unknown || s->unknown_schemas.count(table.schema)) {
        unknown = true;
        continue;
      }
      const schema::Table* t = s->table(table);
      if (!t) continue;
      const schema::Column* c = t->unknown ? nullptr : t->column(column);
      if (!t->unknown && !c) {
        absent = true;
      } else if (!c || c->unknown) {
        unknown = true;
      } else {
        std::string type = c->type;
        while (type.ends_with("[]")) type.resize(type.size() - 2);
        if (type == enum_type_) return EnumRead::AsTheEnum;
        other = true;
      }
    }
    if (unknown) return EnumRead::Unknown;
    if (other) return EnumRead::AsOther;
    if (absent) return std::nullopt;
    return EnumRead::Unknown;  // a table the replay never saw
  }

  EnumRead column_ref_read(const json& column_ref) const {
    std::vector<std::string> parts;
    for (const json& f : field(column_ref, "fields")) parts.push_back(string_node(f));
    if (parts.empty() || parts.back().empty()) return EnumRead::Unknown;
    const std::string& column = parts.back();
    std::optional<EnumRead> read;
    for (const InScope& in : scope_) {
      if (parts.size() >= 2) {
        const std::string& owner = parts[parts.size() - 2];
        const bool named = in.alias.empty() ? in.table.name == owner : in.alias == owner;
        if (!named || (parts.size() >= 3 && parts[parts.size() - 3] != in.table.schema)) continue;
      }
      if (const auto here = column_read(in.table, column)) read = read ? stronger(*read, *here) : *here;
    }
    return read.value_or(EnumRead::Unknown);  // a column of a subquery, a function's result...
  }

  // What the other side of a comparison makes of a constant.
  EnumRead operand_read(const json& operand) const {
    if (operand.contains("ColumnRef")) return column_ref_read(operand["ColumnRef"]);
    if (operand.contains("TypeCast")) return type_read(field(operand["TypeCast"], "typeName"));
    if (operand.contains("A_Const")) return EnumRead::AsOther;  // 'a' = 'b' compares text
    return EnumRead::Unknown;
  }

  // expected: how a string constant found directly here is read.
  void walk(const json& node, EnumRead expected) {
    if (node.is_array()) {
      for (const json& item : node) walk(item, expected);
      return;
    }
    if (!node.is_object()) return;
    if (node.contains("A_Const")) {
      if (text(field(node["A_Const"], "sval"), "sval") == value_) result_ = stronger(result_, expected);
      return;
    }
    if (node.contains("TypeCast")) {
      const json& cast = node["TypeCast"];
      walk(field(cast, "arg"), type_read(field(cast, "typeName")));
      return;
    }
    if (node.contains("A_Expr")) {
      const json& e = node["A_Expr"];
      const EnumRead left = operand_read(field(e, "lexpr")), right = operand_read(field(e, "rexpr"));
      walk(field(e, "lexpr"), right);
      walk(field(e, "rexpr"), left);
      return;
    }
    if (node.contains("List")) return walk(field(node["List"], "items"), expected);  // IN (...)
    if (node.contains("A_ArrayExpr")) return walk(field(node["A_ArrayExpr"], "elements"), expected);
    if (node.contains("ColumnDef")) {
      const json& def = node["ColumnDef"];
      const EnumRead own = type_read(field(def, "typeName"));
      walk(field(def, "raw_default"), own);  // ALTER COLUMN ... TYPE ... USING
      for (const json& c : field(def, "constraints")) walk(field(field(c, "Constraint"), "raw_expr"), own);
      return;
    }
    for (const auto& [key, child] : node.items()) walk(child, EnumRead::Unknown);
  }

  // A constant written to a column.
  void walk_into_column(const json& value, const schema::QualifiedName& table, const std::string& column) {
    walk(value, column_read(table, column).value_or(EnumRead::Unknown));
  }

  void walk_except(const json& tree, std::initializer_list<const char*> keys) {
    for (const auto& [key, child] : tree.items()) {
      bool skipped = false;
      for (const char* k : keys) skipped = skipped || key == k;
      if (!skipped) walk(child, EnumRead::Unknown);
    }
  }

  void read_update(const json& tree) {
    const schema::QualifiedName table = table_of(field(tree, "relation"));
    for (const json& target : field(tree, "targetList")) {
      const json& t = field(target, "ResTarget");
      walk_into_column(field(t, "val"), table, text(t, "name"));
    }
    walk_except(tree, {"targetList"});
  }

  // The columns an INSERT writes, in order: those it names, else the table's.
  std::vector<std::string> insert_columns(const json& tree, const schema::QualifiedName& table) const {
    std::vector<std::string> columns;
    for (const json& c : field(tree, "cols")) columns.push_back(text(field(c, "ResTarget"), "name"));
    if (!columns.empty()) return columns;
    for (const schema::Schema* s : {schemas_.after, schemas_.before}) {
      const schema::Table* t = s && !s->everything_unknown ? s->table(table) : nullptr;
      if (!t || t->unknown) continue;
      for (const schema::Column& c : t->columns) columns.push_back(c.name);
      return columns;
    }
    return columns;
  }

  void read_insert(const json& tree) {
    const schema::QualifiedName table = table_of(field(tree, "relation"));
    const std::vector<std::string> columns = insert_columns(tree, table);
    const json& select = field(field(tree, "selectStmt"), "SelectStmt");
    auto positional = [&](const json& items, auto value_of) {
      std::size_t i = 0;
      for (const json& item : items) {
        const json& value = value_of(item);
        if (i < columns.size()) {
          walk_into_column(value, table, columns[i]);
        } else {
          walk(value, EnumRead::Unknown);
        }
        ++i;
      }
    };
    for (const json& row : field(select, "valuesLists")) {
      positional(field(field(row, "List"), "items"), [](const json& item) -> const json& { return item; });
    }
    positional(field(select, "targetList"),
               [](const json& item) -> const json& { return field(field(item, "ResTarget"), "val"); });
    if (select.is_object()) {
      walk_except(select, {"valuesLists", "targetList"});
    } else {
      walk(field(tree, "selectStmt"), EnumRead::Unknown);
    }
    walk_except(tree, {"selectStmt"});
  }

  void read_alter_table(const json& tree) {
    const schema::QualifiedName table = table_of(field(tree, "relation"));
    for (const json& wrapped : field(tree, "cmds")) {
      const json& cmd = field(wrapped, "AlterTableCmd");
      if (text(cmd, "subtype") == "AT_ColumnDefault") {
        walk_into_column(field(cmd, "def"), table, text(cmd, "name"));
      } else {
        walk(cmd, EnumRead::Unknown);
      }
    }
  }

  const std::string& value_;
  const std::string& enum_type_;
  const SchemaAround& schemas_;
  std::vector<InScope> scope_;
  EnumRead result_ = EnumRead::AsOther;
};

}  // namespace

std::string type_of_names(const json& names) {
  std::string quoted;
  for (const json& n : names) quoted += (quoted.empty() ? "" : ".") + double_quoted(string_node(n));
  return schema::canonical_type(quoted);
}

EnumRead read_of_value(std::string_view kind, const json& tree, const std::string& value, const std::string& enum_type,
                       const SchemaAround& schemas) {
  return Reader(value, enum_type, schemas).read(kind, tree);
}

}  // namespace miglint::safety
