// Reading a drizzle-kit snapshot's JSON leniently: a member of the wrong type reads as absent, and
// of duplicate keys the last counts, as with JSON.parse in drizzle-kit.
#pragma once

#include <simdjson.h>

#include <optional>
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
  std::optional<element> get(std::string_view key) const;
  std::optional<object> object_at(std::string_view key) const;
  std::optional<std::string> optional_string(std::string_view key) const;
  std::string string(std::string_view key, std::string_view fallback = {}) const;
  bool boolean(std::string_view key, bool fallback = false) const;
  std::vector<std::string> strings(std::string_view key) const;

 private:
  std::vector<std::pair<std::string_view, element>> members_;
};

// Each value of a record that is an object, in file order (a repeated key: its last value, at
// the place of its last occurrence, as JSON.parse would iterate it apart from order).
std::vector<object> object_values(object record);

}  // namespace miglint::schema::snapshot_json
