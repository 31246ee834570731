// A column type as the PostgreSQL replay writes it, for rules that read types from a statement's
// parse tree themselves.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace miglint::schema {

// format_type()'s spelling of a parse tree's TypeName node (serial types as their integer type).
std::string postgres_type_name(const nlohmann::json& type_name);

}  // namespace miglint::schema
