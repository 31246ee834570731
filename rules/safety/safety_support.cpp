#include "safety/safety_support.h"

#include <set>

#include "sql/names.h"

namespace miglint::safety {

std::string table_name(const nlohmann::json& range_var) {
  return table_key(range_var.value("schemaname", std::string()), range_var.value("relname", std::string()));
}

std::string last_name(const nlohmann::json& names) {
  if (!names.is_array() || names.empty()) return {};
  const auto& last = names.back();
  return last.contains("String") ? last["String"].value("sval", std::string()) : std::string();
}

const nlohmann::json* added_constraint(const nlohmann::json& cmd) {
  if (cmd.value("subtype", std::string()) != "AT_AddConstraint" || !cmd.contains("def")) return nullptr;
  const auto& def = cmd["def"];
  return def.contains("Constraint") ? &def["Constraint"] : nullptr;
}

const nlohmann::json* column_constraint(const nlohmann::json& cmd, std::string_view contype, std::string& column) {
  if (cmd.value("subtype", std::string()) != "AT_AddColumn" || !cmd.contains("def") ||
      !cmd["def"].contains("ColumnDef")) {
    return nullptr;
  }
  const auto& def = cmd["def"]["ColumnDef"];  // by reference: the result points into it
  if (!def.contains("constraints")) return nullptr;
  for (const auto& c : def["constraints"]) {
    if (c.contains("Constraint") && c["Constraint"].value("contype", std::string()) == contype) {
      column = def.value("colname", std::string());
      return &c["Constraint"];
    }
  }
  return nullptr;
}

bool adds_nothing(const Run& run, const SqlFile& sql, const SqlStatement& statement, const std::string& table,
                  const nlohmann::json& cmd) {
  if (!cmd.value("missing_ok", false)) return false;
  const std::string column = cmd.value("def", nlohmann::json::object())
                                 .value("ColumnDef", nlohmann::json::object())
                                 .value("colname", std::string());
  return run.tables().column_already_there(sql, statement, table, column);
}

std::string text_field(const SqlStatement& s, std::string_view key) {
  const std::string quoted = "\"" + std::string(key) + "\":\"";
  const std::size_t at = s.tree.find(quoted);
  if (at == std::string::npos) return {};
  const std::size_t begin = at + quoted.size();
  std::size_t end = begin;
  while (end < s.tree.size() && s.tree[end] != '"') end += s.tree[end] == '\\' ? 2u : 1u;
  return s.tree.substr(begin, end - begin);  // escapes kept: compared only with names read the same way
}

Run::Run(const Context& ctx) : ctx_(ctx) {
  std::set<const SqlFile*> seen;
  for (const Migration& migration : ctx.folder.migrations) {
    const SqlFile* sql = migration.sql;
    if (sql && !sql->unreadable && seen.insert(sql).second) order_.push_back(sql);
  }
}

bool Run::table_is_new(const SqlFile& sql, const SqlStatement& s, const std::string& table) const {
  return !table.empty() && ctx_.tables().table(sql, s, table).made_this_run();
}

bool Run::table_is_empty(const SqlFile& sql, const SqlStatement& s) const {
  return !s.relation.empty() && ctx_.tables().table(sql, s, s.relation).certainly_empty();
}

bool Run::column_is_new(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                        const std::string& column) const {
  return !table.empty() && ctx_.tables().column_made_this_run(sql, s, table, column);
}

}  // namespace miglint::safety
