#include "safety/safety_support.h"

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

std::string added_column(const std::string& table, const nlohmann::json& cmd) {
  if (cmd.value("subtype", std::string()) != "AT_AddColumn") return {};
  const auto& column = cmd.value("def", nlohmann::json::object()).value("ColumnDef", nlohmann::json::object());
  return table + "\n" + column.value("colname", std::string());
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

bool adds_nothing(const Run& run, const SqlStatement& statement, const std::string& table, const nlohmann::json& cmd) {
  if (!cmd.value("missing_ok", false)) return false;  // rare: the folder's earlier statements are read only then
  const std::string column = cmd.value("def", nlohmann::json::object())
                                 .value("ColumnDef", nlohmann::json::object())
                                 .value("colname", std::string());
  auto names_column = [&](const nlohmann::json& def) {
    return def.contains("ColumnDef") && def["ColumnDef"].value("colname", std::string()) == column;
  };
  for (const SqlFile* sql : run.in_order()) {
    for (const SqlChunk& chunk : sql->sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (&s == &statement) return false;
        for (const SqlStatement& inner : s.nested) {
          if (&inner == &statement) return false;
        }
        if (s.relation != table) continue;
        const nlohmann::json& tree = s.parsed();
        if (s.kind == "CreateStmt") {
          for (const auto& element : tree.value("tableElts", nlohmann::json::array())) {
            if (names_column(element)) return true;
          }
        } else if (s.kind == "AlterTableStmt") {
          bool added = false;
          for_each_command(tree, [&](const std::string& subtype, const nlohmann::json& earlier) {
            if (subtype == "AT_AddColumn" && earlier.contains("def") && names_column(earlier["def"])) added = true;
          });
          if (added) return true;
        }
      }
    }
  }
  return false;
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

Run::Run(const Context& ctx) : folder_(ctx.folder) {
  for (const Migration& migration : folder_.migrations) {
    const SqlFile* sql = migration.sql;
    if (!sql || sql->unreadable || place_.count(sql)) continue;
    place_[sql] = order_.size();
    order_.push_back(sql);
  }
  if (!ctx.database) return;
  for (const LocalMigration& m : ctx.database->reconciliation.local) {
    if (m.state != MigrationState::Pending) continue;
    const SqlFile* sql = m.migration->sql;
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

bool Run::created_in_file(const SqlFile& sql, const SqlStatement& s) const {
  if (!s.relation_created_earlier) return false;
  if (!s.relation_created_if_not_exists) return true;
  if (!first_created_) {
    first_created_.emplace();
    for (std::size_t place = 0; place < order_.size(); ++place) {
      for (const SqlChunk& chunk : order_[place]->sql().chunks) {
        for (const SqlStatement& c : chunk.statements) {
          if (c.kind == "CreateStmt" && !c.relation.empty()) first_created_->emplace(c.relation, place);
        }
      }
    }
  }
  const auto first = first_created_->find(s.relation);
  const auto here = place_.find(&sql);
  return first == first_created_->end() || here == place_.end() || first->second >= here->second;
}

bool Run::table_is_empty(const SqlFile& sql, const SqlStatement& s) const {
  return created_in_file(sql, s) && !s.relation_filled;
}

bool Run::table_is_new(const SqlFile& sql, const SqlStatement& s) const {
  if (created_in_file(sql, s)) return true;
  const auto file = pending_.find(&sql);
  if (file == pending_.end() || s.relation.empty()) return false;
  const auto table = created_.find(s.relation);
  return table != created_.end() && table->second < file->second;
}

bool Run::same_run(const SqlFile& earlier, const SqlFile& later) const {
  return &earlier == &later || (pending_.count(&earlier) > 0 && pending_.count(&later) > 0);
}

}  // namespace miglint::safety
