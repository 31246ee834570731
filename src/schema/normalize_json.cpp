// canonical_default() of a json or jsonb column: the JSON value, printed one way.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "schema/expression_tokens.h"
#include "schema/normalize.h"

namespace miglint::schema {

namespace {

using Token = ExpressionToken;
using Kind = ExpressionToken::Kind;
using Json = nlohmann::json;

// jsonb's own output: object keys shorter first, then bytewise; ", " and ": " between parts.
void print_jsonb(const Json& value, std::string& out) {
  if (value.is_object()) {
    std::vector<std::string> keys;
    for (const auto& item : value.items()) keys.push_back(item.key());
    std::sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    out += '{';
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) out += ", ";
      out += Json(keys[i]).dump() + ": ";
      print_jsonb(value.at(keys[i]), out);
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ", ";
      print_jsonb(value[i], out);
    }
    out += ']';
  } else {
    out += value.dump();
  }
}

// The text of a plain '...' literal ('' is one quote); none for E'', B'' and the like.
std::optional<std::string> literal_content(const Token& t) {
  if (t.kind != Kind::String || t.text.size() < 2 || t.text.front() != '\'' || t.text.back() != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < t.text.size(); ++i) {
    out += t.text[i];
    if (t.text[i] == '\'') ++i;
  }
  return out;
}

std::optional<std::string> canonical_json_default(std::string_view expression, std::string_view column_type) {
  std::vector<Token> tokens = tokenize_expression(expression);
  while (tokens.size() >= 2 && is_punct(tokens.front(), "(") && is_punct(tokens.back(), ")")) {
    tokens.erase(tokens.begin());
    tokens.pop_back();
  }
  std::string type(column_type);
  if (tokens.size() == 3 && is_punct(tokens[1], "::") && (is_word(tokens[2], "json") || is_word(tokens[2], "jsonb"))) {
    if (type != "json" && type != "jsonb") type = tokens[2].text;
    tokens.resize(1);
  }
  if (tokens.size() != 1 || (type != "json" && type != "jsonb")) return std::nullopt;
  std::optional<std::string> content = literal_content(tokens[0]);
  if (!content) return std::nullopt;
  Json value = Json::parse(*content, nullptr, false);
  std::string printed;
  if (value.is_discarded()) {
    printed = Json(*content).dump();  // not JSON: the JSON string drizzle-orm would store
  } else if (type == "json") {
    printed = *content;  // json keeps its text as written
  } else {
    print_jsonb(value, printed);
  }
  std::string literal = "'";
  for (char c : printed) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return literal + "'";
}

}  // namespace

std::string canonical_default(std::string_view expression, std::string_view column_type) {
  if (auto json = canonical_json_default(expression, column_type)) return *json;
  return canonical_default(expression);
}

}  // namespace miglint::schema
