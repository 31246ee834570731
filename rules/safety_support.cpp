#include "safety_support.h"

namespace miglint::safety {

std::string relation_of(const nlohmann::json& node) {
  if (!node.contains("relation")) return {};
  const auto& r = node["relation"];
  std::string name = r.value("relname", std::string());
  std::string schema = r.value("schemaname", std::string());
  return schema.empty() || schema == "public" ? name : schema + "." + name;
}

std::set<std::string> tables_created_before(const SqlFile& sql, std::size_t offset) {
  std::set<std::string> created;
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      if (s.begin >= offset) return created;
      if (s.kind != "CreateStmt") continue;
      auto tree = nlohmann::json::parse(s.tree, nullptr, false);
      if (!tree.is_discarded()) created.insert(relation_of(tree));
    }
  }
  return created;
}

}  // namespace miglint::safety
