#include "sql/pg_json.h"

namespace miglint {

namespace {

// The index just past the object or array that opens at json[at], strings skipped; npos if unclosed.
std::size_t past_value(std::string_view json, std::size_t at) {
  int depth = 0;
  for (std::size_t i = at; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      for (++i; i < json.size() && json[i] != '"'; ++i) i += json[i] == '\\' ? 1u : 0u;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::vector<std::string_view> statement_trees(std::string_view json) {
  std::vector<std::string_view> trees;
  constexpr std::string_view kStmts = "\"stmts\":[", kStmt = "{\"stmt\":{\"";
  std::size_t at = json.find(kStmts);
  if (at == std::string_view::npos) return trees;
  at += kStmts.size();
  while (at < json.size() && json.compare(at, kStmt.size(), kStmt) == 0) {
    const std::size_t element_end = past_value(json, at);
    const std::size_t kind_end = json.find('"', at + kStmt.size());
    if (element_end == std::string_view::npos || kind_end == std::string_view::npos) return {};
    const std::size_t tree_begin = kind_end + 2;  // past "Kind":
    const std::size_t tree_end = past_value(json, tree_begin);
    if (tree_end == std::string_view::npos || tree_end > element_end) return {};
    trees.push_back(json.substr(tree_begin, tree_end - tree_begin));
    at = element_end + (element_end < json.size() && json[element_end] == ',' ? 1 : 0);
  }
  return trees;
}

nlohmann::json to_nlohmann(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      nlohmann::json object = nlohmann::json::object();
      for (auto field : simdjson::dom::object(e)) object.emplace(std::string(field.key), to_nlohmann(field.value));
      return object;
    }
    case simdjson::dom::element_type::ARRAY: {
      nlohmann::json array = nlohmann::json::array();
      for (simdjson::dom::element item : simdjson::dom::array(e)) array.push_back(to_nlohmann(item));
      return array;
    }
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(e));
    case simdjson::dom::element_type::INT64: return int64_t(e);
    case simdjson::dom::element_type::UINT64: return uint64_t(e);
    case simdjson::dom::element_type::DOUBLE: return double(e);
    case simdjson::dom::element_type::BOOL: return bool(e);
    case simdjson::dom::element_type::NULL_VALUE: return nullptr;
  }
  return nullptr;
}

}  // namespace miglint
