#include "schema/table_origins.h"

#include <algorithm>
#include <set>

#include "sql/names.h"
#include "sql/pg_json.h"

namespace miglint::schema {

namespace {

using Made = TableAtStatement::Made;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// How the replay names a table keyed as sql/names.h keys it: "public.users", "auth.users".
std::string display_of(const std::string& key) {
  return key.find('.') == std::string::npos ? "public." + key : key;
}

std::string column_key(const std::string& table, const std::string& column) { return table + "\n" + column; }

std::string range_var_key(const nlohmann::json& range_var) {
  return table_key(range_var.value("schemaname", std::string()), range_var.value("relname", std::string()));
}

// CREATE TEMP TABLE: read from the tree's text, cheaply (every CREATE TABLE passes here).
bool temporary(const SqlStatement& s) {
  return member_value(member_value(s.tree, "relation"), "relpersistence") == "\"t\"";
}

bool temporary(const nlohmann::json& range_var) { return range_var.value("relpersistence", std::string()) == "t"; }

// A DO body that is not plain SQL (IF, loops, EXECUTE of a string...): PL/pgSQL may do anything the
// replay does not list, rows included. CALL runs a procedure's body.
bool runs_hidden_code(const SqlStatement& s) {
  if (s.kind == "CallStmt") return true;
  if (s.kind != "DoStmt") return false;
  return s.nested.empty() || std::any_of(s.nested.begin(), s.nested.end(), [](const SqlStatement& inner) {
           return inner.kind == "ExecuteStmt" || inner.kind == "DoStmt";
         });
}

}  // namespace

class TableOriginsBuilder {
 public:
  explicit TableOriginsBuilder(TableOrigins& out) : out_(out) {}

  // One file of a run, statement by statement; effects: the replay's, one per statement, or null.
  void file(const SqlFile& sql, std::size_t run, const std::vector<StatementEffect>* effects) {
    run_ = run;
    out_.run_of_[&sql] = run;
    if (effects && !matches(sql, *effects)) effects = nullptr;
    if (!effects) mark_unknown();  // not replayed: what the statements leave is read from them alone
    std::size_t next = 0;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (chunk.syntax_error) {
        ++next;
        mark_unknown();  // the whole chunk is lost to migrate and to the replay
        continue;
      }
      for (const SqlStatement& s : chunk.statements) {
        const StatementEffect* effect = effects ? &(*effects)[next++] : nullptr;
        statement(s, effect);
        for (const SqlStatement& inner : s.nested) statement(inner, effect);
        stamp_ = ordinal_ - 1;  // what follows holds after its last statement
        if (effect && !effect->understood) mark_unknown();
        if (runs_hidden_code(s)) may_fill_all();
      }
    }
  }

  void end_run() {
    now_.clear();
    new_columns_.clear();
  }

 private:
  // The replay's effects are one per statement, and one per chunk with a syntax error.
  static bool matches(const SqlFile& sql, const std::vector<StatementEffect>& effects) {
    std::size_t i = 0;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (chunk.syntax_error) {
        if (i >= effects.size()) return false;
        ++i;
        continue;
      }
      for (const SqlStatement& s : chunk.statements) {
        if (i >= effects.size() || effects[i].statement_begin != s.begin) return false;
        ++i;
      }
    }
    return i == effects.size();
  }

  void statement(const SqlStatement& s, const StatementEffect* effect) {
    out_.places_[&s] = {run_, ordinal_, effect};
    stamp_ = ordinal_;
    if (s.kind == "CreateStmt" && !s.relation.empty()) {
      created(s.relation, temporary(s), s.tree.find("\"if_not_exists\":true") != std::string::npos, true,
              false, effect);
    } else if (s.kind == "CreateTableAsStmt" && s.tree.find("\"OBJECT_MATVIEW\"") == std::string::npos) {
      const nlohmann::json& tree = s.parsed();
      const nlohmann::json& into = tree.value("into", nlohmann::json::object());
      // A table made from a query holds its rows, unless WITH NO DATA.
      const nlohmann::json& rel = into.value("rel", nlohmann::json::object());
      created(range_var_key(rel), temporary(rel),
              tree.value("if_not_exists", false), false, !into.value("skipData", false), effect);
    } else if (s.kind == "SelectStmt" && !member_value(s.tree, "intoClause").empty()) {
      const nlohmann::json& rel =
          s.parsed().value("intoClause", nlohmann::json::object()).value("rel", nlohmann::json::object());
      created(range_var_key(rel), temporary(rel), false, true, true, effect);
    } else if (s.kind == "InsertStmt" || s.kind == "CopyStmt" || s.kind == "MergeStmt") {
      filled(s.relation);
    } else if (s.kind == "AlterTableStmt" && !s.relation.empty()) {
      altered(s, effect);
    } else if (s.kind == "RenameStmt" || s.kind == "AlterObjectSchemaStmt") {
      renamed(s);
    } else if (s.kind == "DropStmt" && s.tree.find("\"removeType\":\"OBJECT_TABLE\"") != std::string::npos) {
      for (const auto& object : s.parsed().value("objects", nlohmann::json::array())) {
        const auto items = object.value("List", nlohmann::json::object()).value("items", nlohmann::json::array());
        std::vector<std::string> parts;
        for (const auto& item : items) parts.push_back(item.value("String", nlohmann::json::object()).value("sval", ""));
        if (parts.empty()) continue;
        dropped(table_key(parts.size() > 1 ? parts[parts.size() - 2] : std::string(), parts.back()));
      }
    }
    ++ordinal_;
  }

  // CREATE TABLE [AS]: the replay says whether it made the table (not when IF NOT EXISTS found it
  // there already). A temporary table is new to the run whatever it says: the replay leaves those out.
  // if_not_exists_read: the replay reads the statement's IF NOT EXISTS (not CREATE TABLE ... AS's).
  void created(const std::string& table, bool is_temporary, bool if_not_exists, bool if_not_exists_read,
               bool with_rows, const StatementEffect* effect) {
    if (table.empty()) return;
    Made made = Made::ThisRun;
    if (!is_temporary && effect) {
      const std::string name = "table " + display_of(table);
      // Found there already: IF NOT EXISTS changes nothing, and a plain CREATE TABLE fails unless the
      // schema it was replayed on (a snapshot) was wrong, so when it runs, the table is new.
      if (!contains(effect->creates, name) && if_not_exists) return;
      if (contains(effect->maybe_created, name) || (if_not_exists && !if_not_exists_read)) made = Made::Unknown;
    } else if (!is_temporary && if_not_exists) {
      made = Made::Unknown;  // not replayed: whether it was there is not known
    }
    set(table, {made, with_rows});
    new_columns_.erase(table);
  }

  void filled(const std::string& table) {
    const auto it = now_.find(table);
    if (it == now_.end() || it->second.filled || it->second.made != Made::ThisRun) return;
    set(table, {Made::ThisRun, true});
  }

  void may_fill_all() {
    std::vector<std::string> tables;
    for (const auto& [table, state] : now_) tables.push_back(table);
    for (const std::string& table : tables) filled(table);
  }

  void dropped(const std::string& table) {
    if (!now_.count(table)) return;
    set(table, {Made::BeforeRun, false});
    now_.erase(table);
    for (const std::string& column : new_columns_[table]) set_column(table, column, false);
    new_columns_.erase(table);
  }

  // ADD COLUMN made what the replay lists; DROP COLUMN unmakes.
  void altered(const SqlStatement& s, const StatementEffect* effect) {
    const std::string& table = s.relation;
    if (effect) {
      const std::string prefix = "column " + display_of(table) + ".";
      for (const std::string& name : effect->creates) {
        if (name.starts_with(prefix) && !contains(effect->maybe_created, name)) {
          add_column(table, name.substr(prefix.size()));
        }
      }
    }
    const bool drops = s.tree.find("AT_DropColumn") != std::string::npos && new_columns_.count(table);
    const bool adds_unreplayed = !effect && s.tree.find("AT_AddColumn") != std::string::npos;
    if (!drops && !adds_unreplayed) return;
    for (const auto& wrapped : s.parsed().value("cmds", nlohmann::json::array())) {
      const auto& cmd = wrapped.value("AlterTableCmd", nlohmann::json::object());
      const std::string subtype = cmd.value("subtype", std::string());
      if (subtype == "AT_DropColumn" && new_columns_[table].erase(cmd.value("name", std::string()))) {
        set_column(table, cmd.value("name", std::string()), false);
      }
      // Not replayed: only a plain ADD COLUMN surely made its column (IF NOT EXISTS may have found it).
      if (adds_unreplayed && subtype == "AT_AddColumn" && !cmd.value("missing_ok", false)) {
        const auto& def = cmd.value("def", nlohmann::json::object()).value("ColumnDef", nlohmann::json::object());
        add_column(table, def.value("colname", std::string()));
      }
    }
  }

  void add_column(const std::string& table, const std::string& column) {
    if (column.empty() || !new_columns_[table].insert(column).second) return;
    set_column(table, column, true);
  }

  // Table renames and moves carry what is known of the table; column renames, of the column.
  void renamed(const SqlStatement& s) {
    const bool table = s.tree.find("\"renameType\":\"OBJECT_TABLE\"") != std::string::npos ||
                       s.tree.find("\"objectType\":\"OBJECT_TABLE\"") != std::string::npos;
    const bool column = s.tree.find("\"renameType\":\"OBJECT_COLUMN\"") != std::string::npos;
    if ((!table && !column) || s.relation.empty()) return;
    const nlohmann::json& tree = s.parsed();
    if (column) {
      const std::string from = tree.value("subname", std::string()), to = tree.value("newname", std::string());
      if (!new_columns_[s.relation].erase(from)) return;
      set_column(s.relation, from, false);
      add_column(s.relation, to);
      return;
    }
    const std::string to =
        s.kind == "RenameStmt"
            ? renamed_table_key(s.relation, tree.value("newname", std::string()))
            : table_key(tree.value("newschema", std::string()),
                        tree.value("relation", nlohmann::json::object()).value("relname", std::string()));
    std::set<std::string> columns;
    if (auto moved = new_columns_.extract(s.relation)) columns = std::move(moved.mapped());
    if (const auto was = now_.find(s.relation); was != now_.end()) {
      const TableAtStatement state = was->second;
      dropped(s.relation);
      set(to, state);
    }
    for (const std::string& c : columns) {
      set_column(s.relation, c, false);
      add_column(to, c);
    }
  }

  // From the next statement on, the run may have made tables the replay did not see.
  void mark_unknown() { out_.unknown_from_.emplace(run_, ordinal_); }

  void set(const std::string& table, TableAtStatement state) {
    now_[table] = state;
    out_.tables_[{run_, table}].push_back({stamp_, state});
  }
  void set_column(const std::string& table, const std::string& column, bool made) {
    out_.columns_[{run_, column_key(table, column)}].push_back({stamp_, made});
  }

  TableOrigins& out_;
  std::size_t run_ = 0;
  std::size_t ordinal_ = 0;  // the next statement's
  std::size_t stamp_ = 0;    // the statement after which changes made now hold
  std::map<std::string, TableAtStatement> now_;  // tables the run made (or dropped) so far
  std::map<std::string, std::set<std::string>> new_columns_;  // table -> columns the run added
};

TableOrigins TableOrigins::build(const SchemaHistory& history, const std::vector<const SqlFile*>& migrations_in_order,
                                 const std::vector<const SqlFile*>& pending) {
  std::map<const SqlFile*, const std::vector<StatementEffect>*> effects;
  for (const MigrationSchemas& step : history.steps()) {
    if (step.migration->sql && step.effects) effects.emplace(step.migration->sql, &*step.effects);
  }
  auto effects_of = [&](const SqlFile* sql) {
    const auto it = effects.find(sql);
    return it == effects.end() ? nullptr : it->second;
  };
  TableOrigins out;
  TableOriginsBuilder builder(out);
  // The pending files first, as one run (0); then every other file, each a run of its own. A
  // statement's ordinal orders it within its run.
  const std::set<const SqlFile*> together(pending.begin(), pending.end());
  for (const SqlFile* sql : pending) builder.file(*sql, 0, effects_of(sql));
  builder.end_run();
  std::size_t run = 1;
  for (const SqlFile* sql : migrations_in_order) {
    if (together.count(sql) || out.run_of_.count(sql)) continue;
    builder.file(*sql, run++, effects_of(sql));
    builder.end_run();
  }
  return out;
}

const TableOrigins::Place* TableOrigins::place(const SqlFile& sql, const SqlStatement& s) const {
  const auto it = places_.find(&s);
  if (it == places_.end() || !run_of_.count(&sql)) return nullptr;
  return &it->second;
}

TableAtStatement TableOrigins::table(const SqlFile& sql, const SqlStatement& s, const std::string& table) const {
  const Place* p = place(sql, s);
  if (!p) return {Made::Unknown, false};
  if (const auto changes = tables_.find({p->run, table}); changes != tables_.end()) {
    const auto& list = changes->second;
    const auto after = std::lower_bound(list.begin(), list.end(), p->ordinal,
                                        [](const Change& c, std::size_t ordinal) { return c.ordinal < ordinal; });
    if (after != list.begin()) return std::prev(after)->table;
  }
  const auto unknown = unknown_from_.find(p->run);
  return {unknown != unknown_from_.end() && unknown->second <= p->ordinal ? Made::Unknown : Made::BeforeRun, false};
}

bool TableOrigins::column_made_this_run(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                                        const std::string& column) const {
  if (this->table(sql, s, table).made_this_run()) return true;
  const Place* p = place(sql, s);
  if (!p) return false;
  const auto changes = columns_.find({p->run, column_key(table, column)});
  if (changes == columns_.end()) return false;
  const auto& list = changes->second;
  const auto after = std::lower_bound(list.begin(), list.end(), p->ordinal,
                                      [](const ColumnChange& c, std::size_t ordinal) { return c.ordinal < ordinal; });
  return after != list.begin() && std::prev(after)->made_this_run;
}

bool TableOrigins::column_already_there(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                                        const std::string& column) const {
  const Place* p = place(sql, s);
  return p && p->effect && contains(p->effect->already_exist, "column " + display_of(table) + "." + column);
}

const StatementEffect::TypeChange* TableOrigins::type_change(const SqlFile& sql, const SqlStatement& s,
                                                              const std::string& table,
                                                              const std::string& column) const {
  const Place* p = place(sql, s);
  if (!p || !p->effect) return nullptr;
  const std::string name = "column " + display_of(table) + "." + column;
  for (const StatementEffect::TypeChange& change : p->effect->type_changes) {
    if (change.column == name) return &change;
  }
  return nullptr;
}

bool TableOrigins::same_run(const SqlFile& earlier, const SqlFile& later) const {
  const auto a = run_of_.find(&earlier), b = run_of_.find(&later);
  return &earlier == &later || (a != run_of_.end() && b != run_of_.end() && a->second == b->second);
}

}  // namespace miglint::schema
