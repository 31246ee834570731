// Shared by the safety rules: what a statement's parse tree says, and which tables a migration
// created before a statement (the hazards of locking or rewriting a busy table do not apply to them).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/rule_api.h"

namespace miglint::safety {

// The table a statement is about ("schema.name" or "name"), from its first "relation".
std::string relation_of(const nlohmann::json& node);


// Calls visit(statement, tree) for every PostgreSQL statement of kind in the folder's SQL files.
template <class Visit>
void for_each_statement(const Folder& folder, std::string_view kind, Visit visit) {
  for (const SqlFile& sql : folder.sql_files) {
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (s.kind != kind) continue;
        visit(sql, s, s.parsed());
      }
    }
  }
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

// Calls visit(sql, statement, table, subtype, command) for every ALTER TABLE command on a table the
// same migration did not create: the lock and rewrite hazards concern existing, filled tables.
template <class Visit>
void for_each_command_on_existing_table(const Folder& folder, Visit visit) {
  for_each_statement(folder, "AlterTableStmt", [&](const SqlFile& sql, const SqlStatement& s, const nlohmann::json& tree) {
    if (s.relation_created_earlier) return;
    const std::string table = relation_of(tree);
    for_each_command(tree, [&](const std::string& subtype, const nlohmann::json& cmd) { visit(sql, s, table, subtype, cmd); });
  });
}

}  // namespace miglint::safety
