#include "schema/snapshot_json.h"

#include <set>

#include "core/js_number_to_string.h"

namespace miglint::schema::snapshot_json {

std::optional<element> member(object o, std::string_view key) {
  std::optional<element> found;
  for (simdjson::dom::key_value_pair kv : o) {
    if (kv.key == key) found = kv.value;
  }
  return found;
}

std::optional<object> object_member(object o, std::string_view key) {
  object out;
  if (auto value = member(o, key); value && !value->get_object().get(out)) return out;
  return std::nullopt;
}

std::optional<std::string> optional_string(object o, std::string_view key) {
  std::string_view out;
  if (auto value = member(o, key); value && !value->get_string().get(out)) return std::string(out);
  return std::nullopt;
}

std::string string_member(object o, std::string_view key, std::string_view fallback) {
  return optional_string(o, key).value_or(std::string(fallback));
}

bool bool_member(object o, std::string_view key, bool fallback) {
  bool out = fallback;
  if (auto value = member(o, key); value && !value->get_bool().get(out)) return out;
  return fallback;
}

std::vector<std::string> strings_member(object o, std::string_view key) {
  std::vector<std::string> out;
  array items;
  auto value = member(o, key);
  if (!value || value->get_array().get(items)) return out;
  for (element item : items) {
    std::string_view text;
    if (!item.get_string().get(text)) out.emplace_back(text);
  }
  return out;
}

std::optional<std::string> sql_text(element value) {
  std::string_view text;
  if (!value.get_string().get(text)) return std::string(text);
  bool flag = false;
  if (!value.get_bool().get(flag)) return flag ? "true" : "false";
  int64_t whole = 0;
  if (!value.get_int64().get(whole)) return std::to_string(whole);
  double number = 0;
  if (!value.get_double().get(number)) return js_number_to_string(number);
  return std::nullopt;
}

std::vector<object> object_values(object record) {
  std::vector<std::pair<std::string_view, object>> entries;
  for (simdjson::dom::key_value_pair kv : record) {
    object value;
    if (!kv.value.get_object().get(value)) entries.emplace_back(kv.key, value);
  }
  std::vector<object> out;
  std::set<std::string_view> seen;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (seen.insert(it->first).second) out.push_back(it->second);
  }
  return {out.rbegin(), out.rend()};
}

}  // namespace miglint::schema::snapshot_json
