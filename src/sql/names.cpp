#include "sql/names.h"

namespace miglint {

std::string table_key(std::string_view schema, std::string_view name) {
  if (schema.empty() || schema == "public") return std::string(name);
  return std::string(schema) + "." + std::string(name);
}

std::string renamed_table_key(std::string_view key, std::string_view new_name) {
  const std::string_view schema = key.substr(0, key.rfind('.') + 1);  // "" or "schema."
  return std::string(schema) + std::string(new_name);
}

}  // namespace miglint
