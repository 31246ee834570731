#include "schema/json_fingerprint.h"

#include <simdjson.h>

#include <bit>
#include <cstring>
#include <string_view>

namespace miglint::schema {

namespace {

// Two independent lanes of xxHash64's round, eight bytes at a time; every value is framed by its
// kind (and strings by their length), so that different documents never feed the same words.
class Digest {
 public:
  void word(std::uint64_t w) {
    a_ = std::rotl(a_ + w * 0xC2B2AE3D27D4EB4FULL, 31) * 0x9E3779B185EBCA87ULL;
    b_ = std::rotl(b_ ^ (w * 0xFF51AFD7ED558CCDULL), 29) * 0xC4CEB9FE1A85EC53ULL + 0x165667B19E3779F9ULL;
  }
  void text(std::string_view s) {
    word(kString | s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      word(w);
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
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
  void members(simdjson::dom::object o) {
    word(kObject);
    for (simdjson::dom::key_value_pair kv : o) {
      text(kv.key);
      value(kv.value);
    }
    word(kEnd);
  }
  Fingerprint result() const { return {avalanche(a_ ^ std::rotl(b_, 17)), avalanche(b_ + a_)}; }

 private:
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
  std::uint64_t a_ = 0x27D4EB2F165667C5ULL;
  std::uint64_t b_ = 0x85EBCA77C2B2AE63ULL;
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

Fingerprint combine(const Fingerprint& a, const Fingerprint& b) {
  Digest digest;
  for (std::uint64_t w : {a.high, a.low, b.high, b.low}) digest.word(w);
  return digest.result();
}

}  // namespace miglint::schema
