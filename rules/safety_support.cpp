#include "safety_support.h"

namespace miglint::safety {

std::string table_name(const nlohmann::json& range_var) {
  std::string name = range_var.value("relname", std::string());
  std::string schema = range_var.value("schemaname", std::string());
  return schema.empty() || schema == "public" ? name : schema + "." + name;
}

std::string relation_of(const nlohmann::json& node) {
  return node.contains("relation") ? table_name(node["relation"]) : std::string();
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

int transaction_change(const SqlStatement& s) {
  if (s.kind == "TransactionStmt") {
    auto is = [&](const char* kind) {
      return s.tree.find(std::string("\"kind\":\"") + kind + "\"") != std::string::npos;
    };
    if (is("TRANS_STMT_BEGIN") || is("TRANS_STMT_START")) return +1;
    if (is("TRANS_STMT_COMMIT") || is("TRANS_STMT_ROLLBACK")) return -1;
    return 0;
  }
  const std::string& w = s.first_word;
  if (w == "BEGIN" || (w == "START" && s.second_word == "TRANSACTION")) return +1;
  if (w == "COMMIT" || w == "END" || (w == "ROLLBACK" && s.second_word != "TO")) return -1;
  return 0;
}

Run::Run(const Context& ctx) : folder_(ctx.folder) {
  for (const JournalEntry& entry : folder_.journal.entries) {
    if (const SqlFile* sql = folder_.sql_of(entry); sql && !sql->unreadable) order_.push_back(sql);
  }
  if (!ctx.database) return;
  for (const LocalMigration& m : ctx.database->reconciliation.local) {
    if (m.state != MigrationState::Pending || !m.entry) continue;
    const SqlFile* sql = folder_.sql_of(*m.entry);
    if (!sql || sql->unreadable) continue;
    const std::size_t place = pending_.size();
    pending_.emplace(sql, place);
    for (const SqlChunk& chunk : sql->sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (s.kind == "CreateStmt" && !s.relation.empty()) created_.emplace(s.relation, place);
      }
    }
  }
}

bool Run::table_is_new(const SqlFile& sql, const SqlStatement& s) const {
  if (s.relation_created_earlier) return true;
  const auto file = pending_.find(&sql);
  if (file == pending_.end() || s.relation.empty()) return false;
  const auto table = created_.find(s.relation);
  return table != created_.end() && table->second < file->second;
}

bool Run::same_run(const SqlFile& earlier, const SqlFile& later) const {
  return &earlier == &later || (pending_.count(&earlier) > 0 && pending_.count(&later) > 0);
}

}  // namespace miglint::safety
