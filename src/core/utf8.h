// The project's UTF-8 helpers: where code points start, how many there are, and encoding one.
// Findings count columns in code points; everything that counts them uses these.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace miglint {

// A byte 10xxxxxx continues a multi-byte sequence; every other byte starts a code point.
constexpr bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Number of code points in UTF-8 bytes: the bytes that start one. Invalid bytes count one each,
// except stray continuation bytes, which count nothing.
inline std::uint32_t count_code_points(std::string_view bytes) {
  std::uint32_t n = 0;
  for (char c : bytes) {
    if (!is_utf8_continuation(c)) ++n;
  }
  return n;
}

// Appends cp encoded as UTF-8.
inline void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace miglint
