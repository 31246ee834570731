// The project's UTF-8 helpers: where code points start, how many there are, decoding and encoding one.
// Findings count columns in code points; everything that counts them uses these.
#pragma once

#include <cstddef>
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

struct Utf8CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // 0: not UTF-8
};

// The code point whose UTF-8 sequence starts at text[i] (i < text.size()), strictly: overlong forms,
// surrogates, values past U+10FFFF and cut sequences have length 0.
inline Utf8CodePoint decode_utf8(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t value = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char next = byte(k);
    if (k == 1 ? (next < low || next > high) : !is_utf8_continuation(static_cast<char>(next))) return {};
    value = (value << 6) | (next & 0x3F);
  }
  return {value, length};
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
