// libpg_query's JSON output, read the cheap way: statements sliced from its text, trees turned
// into the nlohmann values rules read by way of simdjson.
#pragma once

#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <string_view>
#include <vector>

namespace miglint {

// Each statement's tree as libpg_query wrote it: the value of its "stmt" object's one field, in
// the output's canonical form ({"stmts":[{"stmt":{"Kind":{...}},...},...]}). Slicing the text is
// much cheaper than writing every tree out again; empty when the form is not the expected one.
std::vector<std::string_view> statement_trees(std::string_view json);

// simdjson reads a tree several times faster than nlohmann's own parser; rules get nlohmann's API.
nlohmann::json to_nlohmann(simdjson::dom::element e);

}  // namespace miglint
