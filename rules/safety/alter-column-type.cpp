#include <map>
#include <set>

#include <fmt/core.h>

#include "safety/safety_support.h"
#include "schema/type_name.h"

namespace miglint {

namespace {

// A type in format_type's spelling, split: "timestamp(3) with time zone" -> {"timestamp with time
// zone", {"3"}}; "character varying(255)[]" -> {"character varying", {"255"}, array}.
struct SpelledType {
  std::string name;
  std::vector<std::string> modifiers;
  bool array = false;
};

SpelledType spelled(std::string text) {
  SpelledType t;
  if (text.ends_with("[]")) {
    t.array = true;
    text.resize(text.size() - 2);
  }
  // The modifiers' parenthesis: the first one outside a quoted name.
  std::size_t open = std::string::npos;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size() && open == std::string::npos; ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '(' && !quoted) open = i;
  }
  const std::size_t close = open == std::string::npos ? open : text.find(')', open);
  if (close == std::string::npos) {
    t.name = text;
    return t;
  }
  t.name = text.substr(0, open) + text.substr(close + 1);
  for (std::size_t at = open + 1; at <= close;) {
    const std::size_t comma = std::min(text.find(',', at), close);
    t.modifiers.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return t;
}

long long number(const std::vector<std::string>& modifiers, std::size_t i) {
  if (i >= modifiers.size()) return 0;
  try {
    return std::stoll(modifiers[i]);
  } catch (...) {
    return -1;
  }
}

// PostgreSQL changes these types without a rewrite (the column's bytes stay valid as they are).
bool rewrite_free(const std::string& before, const std::string& after) {
  const SpelledType from = spelled(before), to = spelled(after);
  if (from.array != to.array) return false;
  // The same type, or the same type without its modifier (varchar(n) -> varchar, vector(1536) ->
  // vector): PostgreSQL only relabels the column.
  if (from.name == to.name && (from.modifiers == to.modifiers || to.modifiers.empty())) return true;
  if (from.array) return false;
  const bool from_string = from.name == "character varying" || from.name == "text";
  if (from_string && (to.name == "text" || (to.name == "character varying" && to.modifiers.empty()))) return true;
  if (from.name != to.name || from.modifiers.empty()) return false;
  if (from.name == "character varying") return number(to.modifiers, 0) >= number(from.modifiers, 0);
  if (from.name == "numeric") {
    return number(to.modifiers, 1) == number(from.modifiers, 1) && number(to.modifiers, 0) >= number(from.modifiers, 0);
  }
  return false;
}

// A TypeName as written, enough to tell a USING cast to the new type from any other expression.
struct WrittenType {
  std::string name;
  std::vector<long long> modifiers;
  bool array = false;
  friend bool operator==(const WrittenType&, const WrittenType&) = default;
};

WrittenType written_type(const nlohmann::json& type_name) {
  WrittenType t{safety::last_name(type_name.value("names", nlohmann::json::array())), {}, type_name.contains("arrayBounds")};
  for (const auto& m : type_name.value("typmods", nlohmann::json::array())) {
    t.modifiers.push_back(
        m.value("A_Const", nlohmann::json::object()).value("ival", nlohmann::json::object()).value("ival", 0LL));
  }
  return t;
}

// USING "column"::new_type: the same as no USING at all.
bool only_casts(const nlohmann::json& expr, const std::string& column, const nlohmann::json& to) {
  const auto& cast = expr.value("TypeCast", nlohmann::json::object());
  const auto& ref = cast.value("arg", nlohmann::json::object()).value("ColumnRef", nlohmann::json::object());
  if (safety::last_name(ref.value("fields", nlohmann::json::array())) != column) return false;
  return written_type(cast.value("typeName", nlohmann::json::object())) == written_type(to);
}

// The type each column of `changed` tables has so far by the folder's own SQL, statement after
// statement (CREATE TABLE, ADD COLUMN, RENAME COLUMN, and the type changes themselves).
class TypesSetBySql {
 public:
  explicit TypesSetBySql(std::set<std::string> changed) : changed_(std::move(changed)) {}
  bool watches(const SqlStatement& s) const { return changed_.count(s.relation) > 0; }
  // Statements other than ALTER TABLE.
  void follow(const SqlStatement& s) {
    if (s.kind == "CreateStmt") {
      for (const auto& element : s.parsed().value("tableElts", nlohmann::json::array())) {
        if (!element.contains("ColumnDef")) continue;
        const nlohmann::json& c = element["ColumnDef"];
        set(s.relation, c.value("colname", std::string()), c.value("typeName", nlohmann::json::object()));
      }
    } else if (s.kind == "RenameStmt" && safety::mentions(s, {"OBJECT_COLUMN"})) {  // the type goes with the column
      const nlohmann::json& tree = s.parsed();
      const auto old_name = types_.find(s.relation + "\n" + tree.value("subname", std::string()));
      if (old_name == types_.end()) return;
      types_[s.relation + "\n" + tree.value("newname", std::string())] = old_name->second;
      types_.erase(old_name);
    }
  }
  void set(const std::string& table, const std::string& column, const nlohmann::json& type_name) {
    types_[table + "\n" + column] = schema::postgres_type_name(type_name);
  }
  const std::string* type_of(const std::string& table, const std::string& column) const {
    const auto it = types_.find(table + "\n" + column);
    return it == types_.end() ? nullptr : &it->second;
  }

 private:
  std::set<std::string> changed_;
  std::map<std::string, std::string> types_;  // "table\ncolumn" -> format_type's spelling
};

}  // namespace

void check_alter_column_type(const Context& ctx, Reporter& out) {
  const safety::Run run(ctx);
  // Only the tables whose columns change type need a history: their statements are the only ones parsed.
  std::set<std::string> changed;
  safety::for_each_statement_in_order(run, [&](const SqlFile&, const SqlStatement& s) {
    if (s.kind == "AlterTableStmt" && safety::mentions(s, {"AT_AlterColumnType"})) changed.insert(s.relation);
  });
  if (changed.empty()) return;
  // The column's old type: what the folder's SQL set, which migrate() ran, else the schema
  // replay's (the previous snapshot, then the SQL since), which knows what no SQL here says (a
  // folder that starts from an introspected database) and follows renamed tables. Neither knows:
  // the change is reported.
  TypesSetBySql by_sql(std::move(changed));
  safety::for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (!by_sql.watches(s)) return;
    if (s.kind != "AlterTableStmt") return by_sql.follow(s);
    if (!safety::mentions(s, {"AT_AddColumn", "AT_AlterColumnType"})) return;
    const std::string& table = s.relation;
    safety::for_each_command(s.parsed(), [&](const std::string& subtype, const nlohmann::json& cmd) {
      const nlohmann::json& c = cmd.value("def", nlohmann::json::object()).value("ColumnDef", nlohmann::json::object());
      const nlohmann::json& to = c.value("typeName", nlohmann::json::object());
      if (subtype == "AT_AddColumn") by_sql.set(table, c.value("colname", std::string()), to);
      if (subtype != "AT_AlterColumnType") return;
      const std::string column = cmd.value("name", std::string());
      std::string before;
      if (const std::string* known = by_sql.type_of(table, column)) {
        before = *known;
      } else if (const schema::StatementEffect::TypeChange* change = run.tables().type_change(sql, s, table, column)) {
        before = change->before;
      }
      by_sql.set(table, column, to);
      const std::string after = *by_sql.type_of(table, column);
      // USING may compute anything, unless it only casts the column to its new type.
      const bool plain = !c.contains("raw_default") || only_casts(c.at("raw_default"), column, to);
      const bool free = !before.empty() && plain && rewrite_free(before, after);
      if ((free && !c.contains("collClause")) || run.table_is_new(sql, s)) return;
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
