#include "schema/json_fingerprint.h"

#include <simdjson.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <string_view>
#include <vector>

namespace miglint::schema {

namespace {

// The value is first written out as 64-bit words, each value framed by its kind (and strings by
// their length) so that different documents never give the same words; the words are then hashed
// by xxHash64's round on four lanes, whose chains of multiplications overlap. The lanes' 256 bits
// end in 128.
class Digest {
 public:
  explicit Digest(std::vector<std::uint64_t>& words) : words_(words) { words_.clear(); }
  void word(std::uint64_t w) { words_.push_back(w); }
  void text(std::string_view s) {
    const std::size_t at = words_.size();
    words_.resize(at + 1 + (s.size() + 7) / 8);  // zeroed: the last word's padding
    words_[at] = kString | s.size();
    if (!s.empty()) std::memcpy(&words_[at + 1], s.data(), s.size());
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
    const std::uint64_t count = words_.size();
    words_.resize((count + 3) / 4 * 4);
    std::uint64_t a = 0x60EA27EEADC0B5D6ULL, b = 0xC2B2AE3D27D4EB4FULL, c = 0x165667B19E3779F9ULL,
                  d = 0x61C8864E7A143579ULL;
    for (std::size_t i = 0; i < words_.size(); i += 4) {
      a = round(a, words_[i]);
      b = round(b, words_[i + 1]);
      c = round(c, words_[i + 2]);
      d = round(d, words_[i + 3]);
    }
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
  std::vector<std::uint64_t>& words_;
};

// A buffer per thread: the loader fingerprints on two.
std::vector<std::uint64_t>& buffer() {
  thread_local std::vector<std::uint64_t> words;
  return words;
}

}  // namespace

Fingerprint fingerprint(const simdjson::dom::element& value) {
  Digest digest(buffer());
  digest.value(value);
  return digest.result();
}

Fingerprint fingerprint(const simdjson::dom::object& value) {
  Digest digest(buffer());
  digest.members(value);
  return digest.result();
}

Fingerprint fingerprint_except(const simdjson::dom::object& value, std::initializer_list<std::string_view> skipped) {
  Digest digest(buffer());
  digest.members(value, skipped);
  return digest.result();
}

Fingerprint combine(const Fingerprint& a, const Fingerprint& b) {
  Digest digest(buffer());
  for (std::uint64_t w : {a.high, a.low, b.high, b.low}) digest.word(w);
  return digest.result();
}

}  // namespace miglint::schema
