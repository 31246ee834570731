// Shared by the safety rules: what a statement's parse tree says, and which statements run in one
// migrate() call. drizzle-orm's PostgreSQL migrator applies every pending migration in a single
// transaction, so a lock taken early is held until the last pending migration has run, and a table
// created earlier in that run is still empty and unseen by the application.
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint::safety {

// A RangeVar's table as statements name it (SqlStatement::relation): "schema.name", or "name" in public.
std::string table_name(const nlohmann::json& range_var);

// The last part of a qualified name list such as a TypeName's or a FuncCall's "names".
std::string last_name(const nlohmann::json& names);

// One migrate() run as far as it is known. Offline, only a file's own statements are known to run
// together with it; with a database, all pending migrations run together, in the migrator's order.
// What a statement finds of its table comes from the schema replay (Context::tables()). Where the
// replay cannot tell (TableAtStatement::Made::Unknown), the table is taken as one that was there
// before the run and may hold rows: the hazards are reported rather than missed.
class Run {
 public:
  explicit Run(const Context& ctx);
  const Folder& folder() const { return ctx_.folder; }
  // The migrations' SQL files (Folder::migrations), in the order the migrator applies them.
  const std::vector<const SqlFile*>& in_order() const { return order_; }
  // The statement's table was made earlier in the same run, so no one else sees it (nor waits for
  // its locks). A CREATE TABLE IF NOT EXISTS of a table an earlier migration made makes nothing.
  bool table_is_new(const SqlFile& sql, const SqlStatement& s) const { return table_is_new(sql, s, s.relation); }
  bool table_is_new(const SqlFile& sql, const SqlStatement& s, const std::string& table) const;
  // ... and it has no rows: nothing inserted, copied or selected into it since.
  bool table_is_empty(const SqlFile& sql, const SqlStatement& s) const;
  // The column was made earlier in the same run (or its table was): it holds no one else's data.
  bool column_is_new(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                     const std::string& column) const;
  // Statements of these two files run in one transaction: the same file, or both pending.
  bool same_run(const SqlFile& earlier, const SqlFile& later) const { return ctx_.tables().same_run(earlier, later); }
  const schema::TableOrigins& tables() const { return ctx_.tables(); }

 private:
  const Context& ctx_;
  std::vector<const SqlFile*> order_;
};

// Calls visit(statement) for every statement of a file, in order, those of its DO blocks included.
template <class Visit>
void for_each_statement_of(const SqlFile& sql, Visit visit) {
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      visit(s);
      for (const SqlStatement& inner : s.nested) visit(inner);
    }
  }
}

// Calls visit(sql, statement) for every statement of the migrations' files, in the order they run.
// SQL files of no migration never run (sql-file-orphan), so they are not judged here.
template <class Visit>
void for_each_statement_in_order(const Run& run, Visit visit) {
  for (const SqlFile* sql : run.in_order()) {
    for_each_statement_of(*sql, [&](const SqlStatement& s) { visit(*sql, s); });
  }
}

// Calls visit(sql, statement, tree) for every statement of kind, in the order they run.
template <class Visit>
void for_each_statement(const Run& run, std::string_view kind, Visit visit) {
  for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (s.kind == kind) visit(sql, s, s.parsed());
  });
}

// The ALTER TABLE commands of an AlterTableStmt, as {subtype, command} pairs.
template <class Visit>
void for_each_command(const nlohmann::json& alter, Visit visit) {
  if (!alter.contains("cmds")) return;
  for (const auto& wrapped : alter["cmds"]) {
    const auto& cmd = wrapped.contains("AlterTableCmd") ? wrapped["AlterTableCmd"] : wrapped;
    visit(cmd.value("subtype", std::string()), cmd);
  }
}

// Words a statement's tree must contain for a rule to look at it: a text search is much cheaper
// than parsing the tree, and most statements concern no given rule.
using Needles = std::initializer_list<std::string_view>;
inline bool mentions(const SqlStatement& s, Needles needles) {
  for (std::string_view n : needles) {
    if (s.tree.find(n) != std::string::npos) return true;
  }
  return false;
}

// The first string field called key in a statement's tree, read from its text ("" if none): for
// names needed of many statements, where parsing each tree would cost more than the rule.
std::string text_field(const SqlStatement& s, std::string_view key);

// Whether any statement of the file mentions one of the needles.
inline bool any_statement_mentions(const SqlFile& sql, Needles needles) {
  bool found = false;
  for_each_statement_of(sql, [&](const SqlStatement& s) { found = found || mentions(s, needles); });
  return found;
}

// Calls visit(sql, statement, table, subtype, command) for every ALTER TABLE command of the
// migrations' files, in the order they run, in statements that mention one of the needles and that
// keep(sql, statement) accepts (tested before the tree is parsed).
template <class Keep, class Visit>
void for_each_command_where(const Run& run, Needles needles, Keep keep, Visit visit) {
  for_each_statement_in_order(run, [&](const SqlFile& sql, const SqlStatement& s) {
    if (s.kind != "AlterTableStmt" || !mentions(s, needles) || !keep(sql, s)) return;
    for_each_command(s.parsed(), [&](const std::string& subtype, const nlohmann::json& cmd) {
      visit(sql, s, s.relation, subtype, cmd);
    });
  });
}

// ... on every table, new ones included.
template <class Visit>
void for_each_command_in_order(const Run& run, Needles needles, Visit visit) {
  for_each_command_where(
      run, needles, [](const SqlFile&, const SqlStatement&) { return true; }, visit);
}

// ... on the tables the same run did not create: the lock and rewrite hazards concern existing,
// filled tables.
template <class Visit>
void for_each_command_on_existing_table(const Run& run, Needles needles, Visit visit) {
  for_each_command_where(
      run, needles, [&](const SqlFile& sql, const SqlStatement& s) { return !run.table_is_new(sql, s); }, visit);
}

// " \"name\"" for a name given in the SQL, "" for one PostgreSQL will choose: for messages.
inline std::string quoted_name(const std::string& name) { return name.empty() ? name : fmt::format(" \"{}\"", name); }

// An ADD COLUMN IF NOT EXISTS of a column that was there before the statement: it adds nothing.
bool adds_nothing(const Run& run, const SqlFile& sql, const SqlStatement& statement, const std::string& table,
                  const nlohmann::json& cmd);

// The constraint of kind contype ("CONSTR_CHECK"...) an ADD COLUMN command gives its column, or
// null; column is set to the column's name.
const nlohmann::json* column_constraint(const nlohmann::json& cmd, std::string_view contype, std::string& column);

// The constraint an ADD CONSTRAINT command adds, or null.
const nlohmann::json* added_constraint(const nlohmann::json& cmd);

// Where a statement starts, for findings: its first word.
inline Location first_word(const SqlFile& sql, const SqlStatement& s) {
  return sql.file.location(s.begin, s.begin + (s.end - s.begin < 5 ? s.end - s.begin : 5));
}

// Calls visit(sql, statement, table, what, on_new_column) for every constraint of kind contype
// ("CONSTR_CHECK", "CONSTR_FOREIGN") added to an existing table without NOT VALID, so validated on
// every row: by ADD CONSTRAINT (what: "adding <noun> \"name\"") or with an added column (what:
// "adding column \"c\" with a <noun>", on_new_column true).
template <class Visit>
void for_each_validating_addition(const Run& run, std::string_view contype, const std::string& noun, Visit visit) {
  for_each_command_on_existing_table(
      run, {contype},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string&,
          const nlohmann::json& cmd) {
        std::string column;
        if (const nlohmann::json* c = added_constraint(cmd)) {
          if (c->value("contype", std::string()) == contype && !c->value("skip_validation", false)) {
            visit(sql, s, table, fmt::format("adding {}{}", noun, quoted_name(c->value("conname", std::string()))),
                  false);
          }
        } else if (column_constraint(cmd, contype, column)) {
          visit(sql, s, table, fmt::format("adding column \"{}\" with a {}", column, noun), true);
        }
      });
}

// Calls visit(sql, statement, table, name) for every VALIDATE CONSTRAINT of a constraint of kind
// contype ("CONSTR_CHECK", "CONSTR_FOREIGN") that the same run added NOT VALID, on a table that
// existed before the run: the ADD's lock is still held, so the validation gains nothing.
template <class Visit>
void for_each_validation_in_same_run(const Run& run, std::string_view contype, Visit visit) {
  std::map<std::string, const SqlFile*> added_not_valid;  // "table\nconstraint" -> file
  for_each_command_in_order(
      run, {"AT_ValidateConstraint", "skip_validation"},
      [&](const SqlFile& sql, const SqlStatement& s, const std::string& table, const std::string& subtype,
          const nlohmann::json& cmd) {
        if (const nlohmann::json* c = added_constraint(cmd)) {
          if (c->value("contype", std::string()) == contype && c->value("skip_validation", false)) {
            added_not_valid[table + "\n" + c->value("conname", std::string())] = &sql;
          }
        } else if (subtype == "AT_ValidateConstraint" && !run.table_is_new(sql, s)) {
          const std::string name = cmd.value("name", std::string());
          const auto added = added_not_valid.find(table + "\n" + name);
          if (added != added_not_valid.end() && run.same_run(*added->second, sql)) visit(sql, s, table, name);
        }
      });
}

}  // namespace miglint::safety
