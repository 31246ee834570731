#include "safety_support.h"

namespace miglint::safety {

std::string relation_of(const nlohmann::json& node) {
  if (!node.contains("relation")) return {};
  const auto& r = node["relation"];
  std::string name = r.value("relname", std::string());
  std::string schema = r.value("schemaname", std::string());
  return schema.empty() || schema == "public" ? name : schema + "." + name;
}

}  // namespace miglint::safety
