// JS truthiness and Number() for JSON values (see js_number.h), as ECMAScript defines them.
#include "load/snapshot_schema/js_number.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include "core/utf8.h"

namespace miglint::schema {

using simdjson::dom::element;
using simdjson::dom::element_type;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Decodes the UTF-8 code point starting at s[i]; returns its length (1 for bad bytes).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t len = 1;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    cp = 0xFFFD;
    return 1;
  }
  if (i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return len;
}

// ECMAScript WhiteSpace and LineTerminator code points (String.prototype.trim).
bool is_js_space(char32_t cp) {
  switch (cp) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

std::string_view js_trim(std::string_view s) {
  while (!s.empty()) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, 0, cp);
    if (!is_js_space(cp)) break;
    s.remove_prefix(len);
  }
  while (!s.empty()) {
    std::size_t start = s.size() - 1;
    while (start > 0 && is_utf8_continuation(s[start])) --start;
    char32_t cp = 0;
    const std::size_t len = decode_utf8(s, start, cp);
    if (start + len != s.size() || !is_js_space(cp)) break;
    s.remove_suffix(len);
  }
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ECMAScript StringToNumber.
double js_string_to_number(std::string_view raw) {
  const std::string_view s = js_trim(raw);
  if (s.empty()) return 0.0;
  if (s == "Infinity" || s == "+Infinity") return std::numeric_limits<double>::infinity();
  if (s == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (s.size() > 2 && s[0] == '0') {
    int base = 0;
    if (s[1] == 'x' || s[1] == 'X') base = 16;
    if (s[1] == 'o' || s[1] == 'O') base = 8;
    if (s[1] == 'b' || s[1] == 'B') base = 2;
    if (base != 0) {
      double value = 0.0;
      for (char c : s.substr(2)) {
        int digit = -1;
        if (is_digit(c)) digit = c - '0';
        else if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0 || digit >= base) return kNaN;
        value = value * base + digit;
      }
      return value;
    }
  }
  // StrDecimalLiteral: [+-] (digits [. digits] | . digits) [(e|E) [+-] digits]
  std::size_t i = 0;
  if (s[i] == '+' || s[i] == '-') ++i;
  std::size_t int_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  std::size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return kNaN;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return kNaN;
  }
  if (i != s.size()) return kNaN;
  const std::string copy(s);
  return std::strtod(copy.c_str(), nullptr);
}

double json_number(element value) {
  switch (value.type()) {
    case element_type::INT64: return static_cast<double>(value.get_int64().value_unsafe());
    case element_type::UINT64: return static_cast<double>(value.get_uint64().value_unsafe());
    case element_type::DOUBLE: return value.get_double().value_unsafe();
    default: return kNaN;
  }
}

// Number(String(value)) for an element of an array being converted with join(",").
double js_array_item_to_number(element value) {
  switch (value.type()) {
    case element_type::STRING: return js_string_to_number(value.get_string().value_unsafe());
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return json_number(value);
    case element_type::NULL_VALUE: return 0.0;  // join() renders null as ""
    case element_type::BOOL: return kNaN;        // "true" / "false"
    case element_type::OBJECT: return kNaN;      // "[object Object]"
    case element_type::ARRAY: {
      const simdjson::dom::array a = value.get_array().value_unsafe();
      const std::size_t n = a.size();
      if (n == 0) return 0.0;
      if (n > 1) return kNaN;  // the joined string contains ","
      return js_array_item_to_number(a.at(0).value_unsafe());
    }
  }
  return kNaN;
}

}  // namespace

double js_number(element value) {
  switch (value.type()) {
    case element_type::BOOL: return value.get_bool().value_unsafe() ? 1.0 : 0.0;
    case element_type::NULL_VALUE: return 0.0;
    default: return js_array_item_to_number(value);
  }
}

bool js_truthy(element value) {
  switch (value.type()) {
    case element_type::STRING: return !value.get_string().value_unsafe().empty();
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: {
      const double d = json_number(value);
      return d != 0.0 && !std::isnan(d);
    }
    case element_type::BOOL: return value.get_bool().value_unsafe();
    case element_type::NULL_VALUE: return false;
    case element_type::ARRAY:
    case element_type::OBJECT: return true;
  }
  return false;
}

}  // namespace miglint::schema
