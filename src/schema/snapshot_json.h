// Reading a drizzle-kit snapshot's JSON leniently: a member of the wrong type reads as absent, and
// of duplicate keys the last counts, as with JSON.parse in drizzle-kit.
#pragma once

#include <simdjson.h>

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace miglint::schema::snapshot_json {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::optional<element> member(object o, std::string_view key);
std::optional<object> object_member(object o, std::string_view key);
std::string string_member(object o, std::string_view key, std::string_view fallback = {});
std::optional<std::string> optional_string(object o, std::string_view key);
bool bool_member(object o, std::string_view key, bool fallback = false);
std::vector<std::string> strings_member(object o, std::string_view key);
// A string, a number as JavaScript prints it, or a boolean: the text drizzle-kit writes into SQL.
std::optional<std::string> sql_text(element value);

// An object's members gathered in one pass over it, for objects read field by field (a column,
// a table): each look-up then scans a few pairs instead of walking the document again.
class Fields {
 public:
  explicit Fields(object o);
  // Members already gathered (a Drizzle Kit 1.0 row's fields), each key once.
  explicit Fields(std::span<const std::pair<std::string_view, element>> members);
  std::optional<element> get(std::string_view key) const;
  std::optional<object> object_at(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::string string(std::string_view key, std::string_view fallback = {}) const;
  bool boolean(std::string_view key, bool fallback = false) const;
  std::vector<std::string> strings(std::string_view key) const;

 private:
  // Objects of a snapshot hold a dozen members at most: no allocation for those.
  static constexpr std::size_t kInline = 16;
  std::array<std::pair<std::string_view, element>, kInline> inline_{};
  std::size_t count_ = 0;
  std::vector<std::pair<std::string_view, element>> spilled_;
};

// A record's keys, gathered once: which ones a later key repeats (JSON.parse keeps the last).
class RecordKeys {
 public:
  explicit RecordKeys(object record);
  bool repeated_later(std::size_t index) const { return index < repeated_.size() && repeated_[index]; }

 private:
  std::vector<bool> repeated_;  // empty when no key repeats, the usual case
};

// Calls visit(value) for each value of a record that is an object, in file order; a repeated key
// counts once, with its last value.
template <typename Visit>
void for_each_object(object record, Visit&& visit) {
  RecordKeys keys(record);
  std::size_t index = 0;
  for (simdjson::dom::key_value_pair kv : record) {
    object value;
    if (!kv.value.get_object().get(value) && !keys.repeated_later(index)) visit(value);
    ++index;
  }
}

// The record's first value that is an object.
std::optional<object> first_object(object record);

}  // namespace miglint::schema::snapshot_json
