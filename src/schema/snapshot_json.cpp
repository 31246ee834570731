#include "schema/snapshot_json.h"


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
  out.reserve(entries.size());
  // Records are small and repeated keys rare: a later entry with the same key wins.
  for (std::size_t i = 0; i < entries.size(); ++i) {
    bool repeated = false;
    for (std::size_t j = i + 1; j < entries.size() && !repeated; ++j) repeated = entries[j].first == entries[i].first;
    if (!repeated) out.push_back(entries[i].second);
  }
  return out;
}

Fields::Fields(object o) {
  for (simdjson::dom::key_value_pair kv : o) members_.emplace_back(kv.key, kv.value);
}

std::optional<element> Fields::get(std::string_view key) const {
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->first == key) return it->second;
  }
  return std::nullopt;
}

std::optional<object> Fields::object_at(std::string_view key) const {
  object out;
  if (auto value = get(key); value && !value->get_object().get(out)) return out;
  return std::nullopt;
}

std::optional<std::string> Fields::optional_string(std::string_view key) const {
  std::string_view out;
  if (auto value = get(key); value && !value->get_string().get(out)) return std::string(out);
  return std::nullopt;
}

std::string Fields::string(std::string_view key, std::string_view fallback) const {
  return optional_string(key).value_or(std::string(fallback));
}

bool Fields::boolean(std::string_view key, bool fallback) const {
  bool out = fallback;
  if (auto value = get(key); value && !value->get_bool().get(out)) return out;
  return fallback;
}

std::vector<std::string> Fields::strings(std::string_view key) const {
  std::vector<std::string> out;
  array items;
  auto value = get(key);
  if (!value || value->get_array().get(items)) return out;
  for (element item : items) {
    std::string_view text;
    if (!item.get_string().get(text)) out.emplace_back(text);
  }
  return out;
}

}  // namespace miglint::schema::snapshot_json
