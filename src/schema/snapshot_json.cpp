#include "schema/snapshot_json.h"

#include <algorithm>

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

RecordKeys::RecordKeys(object record) {
  constexpr std::size_t kInline = 64;
  std::array<std::string_view, kInline> inline_keys;
  std::vector<std::string_view> spilled;
  std::size_t count = 0;
  for (simdjson::dom::key_value_pair kv : record) {
    if (count < kInline) {
      inline_keys[count] = kv.key;
    } else {
      spilled.push_back(kv.key);
    }
    ++count;
  }
  auto key = [&](std::size_t i) { return i < kInline ? inline_keys[i] : spilled[i - kInline]; };
  if (count <= kInline) {
    for (std::size_t i = 0; i < count; ++i) {
      for (std::size_t j = i + 1; j < count; ++j) {
        if (key(i) != key(j)) continue;
        if (repeated_.empty()) repeated_.resize(count);
        repeated_[i] = true;
        break;
      }
    }
    return;
  }
  // Many members (a snapshot of tens of thousands of tables): sorted, so that time stays n log n.
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  for (std::size_t k = 0; k + 1 < count; ++k) {
    if (key(order[k]) != key(order[k + 1])) continue;
    if (repeated_.empty()) repeated_.resize(count);
    repeated_[order[k]] = true;  // a later member of the same name wins, as in JSON.parse
  }
}

std::optional<object> first_object(object record) {
  std::optional<object> found;
  for_each_object(record, [&](object value) {
    if (!found) found = value;
  });
  return found;
}

Fields::Fields(object o) {
  for (simdjson::dom::key_value_pair kv : o) {
    if (count_ < kInline) {
      inline_[count_++] = {kv.key, kv.value};
    } else {
      spilled_.emplace_back(kv.key, kv.value);
    }
  }
}

Fields::Fields(std::span<const std::pair<std::string_view, element>> members) {
  if (members.size() <= kInline) {
    std::copy(members.begin(), members.end(), inline_.begin());
    count_ = members.size();
  } else {
    spilled_.assign(members.begin(), members.end());
  }
}

std::optional<element> Fields::get(std::string_view key) const {
  for (auto it = spilled_.rbegin(); it != spilled_.rend(); ++it) {
    if (it->first == key) return it->second;
  }
  for (std::size_t i = count_; i-- > 0;) {
    if (inline_[i].first == key) return inline_[i].second;
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
