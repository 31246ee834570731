#include "sql/pg_json.h"

namespace miglint {

namespace {

// The index just past the string that opens at json[at] (a '"'); npos if unclosed.
std::size_t past_string(std::string_view json, std::size_t at) {
  for (std::size_t i = at + 1; i < json.size(); ++i) {
    if (json[i] == '\\') ++i;
    else if (json[i] == '"') return i + 1;
  }
  return std::string_view::npos;
}

// The index just past the value that starts at json[at], strings skipped; npos if unclosed.
// depth, when given, grows to the deepest nesting seen.
std::size_t past_value(std::string_view json, std::size_t at, std::size_t* depth = nullptr) {
  if (at >= json.size()) return std::string_view::npos;
  if (json[at] == '"') return past_string(json, at);
  if (json[at] != '{' && json[at] != '[') {  // a number, true, false or null
    const std::size_t end = json.find_first_of(",}]", at);
    return end == std::string_view::npos ? json.size() : end;
  }
  std::size_t open = 0;
  for (std::size_t i = at; i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') {
      i = past_string(json, i);
      if (i == std::string_view::npos) return i;
      --i;
    } else if (c == '{' || c == '[') {
      ++open;
      if (depth && open > *depth) *depth = open;
    } else if ((c == '}' || c == ']') && --open == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Calls visit(key, value) for each member of the object at json[at] until it returns false;
// returns the index past the object, or npos if it is not one.
template <class Visit>
std::size_t for_each_member(std::string_view json, std::size_t at, Visit visit) {
  if (at >= json.size() || json[at] != '{') return std::string_view::npos;
  std::size_t i = at + 1;
  if (i < json.size() && json[i] == '}') return i + 1;
  for (;;) {
    if (i >= json.size() || json[i] != '"') return std::string_view::npos;
    const std::size_t key_end = past_string(json, i);
    if (key_end == std::string_view::npos || key_end >= json.size() || json[key_end] != ':') {
      return std::string_view::npos;
    }
    const std::size_t value_end = past_value(json, key_end + 1);
    if (value_end == std::string_view::npos || value_end >= json.size()) return std::string_view::npos;
    const std::string_view key = json.substr(i + 1, key_end - i - 2);
    if (!visit(key, json.substr(key_end + 1, value_end - key_end - 1))) return value_end;
    if (json[value_end] == '}') return value_end + 1;
    if (json[value_end] != ',') return std::string_view::npos;
    i = value_end + 1;
  }
}

std::optional<std::int64_t> integer(std::string_view text) {
  std::int64_t n = 0;
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

std::optional<std::vector<StatementSlice>> statement_slices(std::string_view json) {
  std::vector<StatementSlice> slices;
  const std::string_view stmts = member_value(json, "stmts");
  if (stmts.empty()) return slices;  // no statements: white space and comments only
  if (stmts.front() != '[') return std::nullopt;
  std::size_t at = 1;
  while (at < stmts.size() && stmts[at] != ']') {
    StatementSlice slice;
    bool ok = true;
    const std::size_t end = for_each_member(stmts, at, [&](std::string_view key, std::string_view value) {
      if (key == "stmt") {
        ok = for_each_member(value, 0, [&](std::string_view kind, std::string_view tree) {
               slice.kind = kind;
               slice.tree = tree;
               past_value(tree, 0, &slice.depth);
               return false;  // its only member
             }) != std::string_view::npos;
      } else if (key == "stmt_location" || key == "stmt_len") {
        const auto n = integer(value);
        ok = ok && n.has_value();
        (key == "stmt_location" ? slice.location : slice.length) = n.value_or(0);
      }
      return ok;
    });
    if (!ok || end == std::string_view::npos || slice.tree.empty()) return std::nullopt;
    slices.push_back(slice);
    at = end < stmts.size() && stmts[end] == ',' ? end + 1 : end;
  }
  return slices;
}

std::string_view member_value(std::string_view json, std::string_view key) {
  std::string_view found;
  for_each_member(json, 0, [&](std::string_view k, std::string_view value) {
    if (k == key) found = value;
    return found.empty();
  });
  return found;
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
