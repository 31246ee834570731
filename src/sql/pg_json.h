// libpg_query's JSON output, read the cheap way: statements sliced from its text, trees turned
// into the nlohmann values rules read by way of simdjson.
#pragma once

#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace miglint {

// One statement of the output's canonical form
// {"version":N,"stmts":[{"stmt":{"Kind":{...}},"stmt_location":N,"stmt_len":N},...]}.
struct StatementSlice {
  std::string_view kind;
  std::string_view tree;  // the value of Kind, as written
  std::int64_t location = 0;  // absent from the output when zero
  std::int64_t length = 0;
  std::size_t depth = 0;  // how deep its objects and arrays nest
};

// The statements, read from the text without building a document: a 50 MB INSERT is 200 MB of
// JSON, whose document would take gigabytes. Nothing when the form is not the expected one.
std::optional<std::vector<StatementSlice>> statement_slices(std::string_view json);

// The value of a member of the object that opens json, as written; empty if it has none.
std::string_view member_value(std::string_view json, std::string_view key);

// simdjson reads a tree several times faster than nlohmann's own parser; rules get nlohmann's API.
nlohmann::json to_nlohmann(simdjson::dom::element e);

}  // namespace miglint
