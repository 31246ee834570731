#include "schema/json_fingerprint.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <string_view>

namespace miglint::schema {

namespace {

// The value is written out as 64-bit words, each value framed by its kind (and strings by their
// length) so that different documents never give the same words; the words are hashed as they
// come by xxHash64's round on four lanes, whose chains of multiplications overlap. The lanes' 256
// bits end in 128.
class Digest {
 public:
  // Four words at a time, so that the lanes stay in registers.
  void word(std::uint64_t w) {
    pending_[count_++ & 3] = w;
    if ((count_ & 3) == 0) {
      for (std::size_t i = 0; i < 4; ++i) lanes_[i] = round(lanes_[i], pending_[i]);
    }
  }
  void text(std::string_view s) {
    word(kString | s.size());
    std::size_t at = 0;
    for (; at + 8 <= s.size(); at += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + at, 8);
      word(w);
    }
    if (at < s.size()) {
      std::uint64_t w = 0;  // the last word zero-padded
      std::memcpy(&w, s.data() + at, s.size() - at);
      word(w);
    }
  }
  void value(simdjson::dom::element e) {
    using simdjson::dom::element_type;
    switch (e.type()) {
      case element_type::ARRAY:
        word(kArray);
        for (simdjson::dom::element item : simdjson::dom::array(e)) value(item);
        word(kEnd);
        break;
      case element_type::OBJECT: members(simdjson::dom::object(e)); break;
      case element_type::STRING: text(e.get_string().value_unsafe()); break;
      case element_type::INT64:
        word(kInt);
        word(static_cast<std::uint64_t>(e.get_int64().value_unsafe()));
        break;
      case element_type::UINT64:
        word(kUint);
        word(e.get_uint64().value_unsafe());
        break;
      case element_type::DOUBLE:
        word(kDouble);
        word(std::bit_cast<std::uint64_t>(e.get_double().value_unsafe()));
        break;
      case element_type::BOOL: word(e.get_bool().value_unsafe() ? kTrue : kFalse); break;
      case element_type::NULL_VALUE: word(kNull); break;
    }
  }
  void members(simdjson::dom::object o, std::initializer_list<std::string_view> skipped = {}) {
    word(kObject);
    for (simdjson::dom::key_value_pair kv : o) {
      if (std::find(skipped.begin(), skipped.end(), kv.key) != skipped.end()) continue;
      text(kv.key);
      value(kv.value);
    }
    word(kEnd);
  }
  Fingerprint result() {
    const std::uint64_t count = count_;
    while (count_ & 3) word(0);
    const auto [a, b, c, d] = lanes_;
    const std::uint64_t high = std::rotl(a, 1) + std::rotl(b, 7) + std::rotl(c, 12) + std::rotl(d, 18) + count;
    const std::uint64_t low = (a ^ std::rotl(c, 29)) * kPrime1 + (b ^ std::rotl(d, 37)) * kPrime2 + count;
    return {avalanche(high), avalanche(low ^ avalanche(high))};
  }

 private:
  static constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL, kPrime2 = 0xC2B2AE3D27D4EB4FULL;
  // Kinds in the top byte; a string's length (below 2^56) fills the rest of its word.
  static constexpr std::uint64_t kString = 1ULL << 56, kArray = 2ULL << 56, kObject = 3ULL << 56, kEnd = 4ULL << 56,
                                 kInt = 5ULL << 56, kUint = 6ULL << 56, kDouble = 7ULL << 56, kTrue = 8ULL << 56,
                                 kFalse = 9ULL << 56, kNull = 10ULL << 56;
  static std::uint64_t avalanche(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 33);
  }
  static std::uint64_t round(std::uint64_t lane, std::uint64_t w) { return std::rotl(lane + w * kPrime2, 31) * kPrime1; }
  std::array<std::uint64_t, 4> lanes_ = {0x60EA27EEADC0B5D6ULL, 0xC2B2AE3D27D4EB4FULL, 0x165667B19E3779F9ULL,
                                         0x61C8864E7A143579ULL};
  std::array<std::uint64_t, 4> pending_{};
  std::uint64_t count_ = 0;
};

}  // namespace

Fingerprint fingerprint(const simdjson::dom::element& value) {
  Digest digest;
  digest.value(value);
  return digest.result();
}

Fingerprint fingerprint(const simdjson::dom::object& value) {
  Digest digest;
  digest.members(value);
  return digest.result();
}

Fingerprint fingerprint_except(const simdjson::dom::object& value, std::initializer_list<std::string_view> skipped) {
  Digest digest;
  digest.members(value, skipped);
  return digest.result();
}

Fingerprint combine(const Fingerprint& a, const Fingerprint& b) {
  Digest digest;
  for (std::uint64_t w : {a.high, a.low, b.high, b.low}) digest.word(w);
  return digest.result();
}

}  // namespace miglint::schema
