// A 128-bit digest of a parsed JSON value, so that the same table written again in the next
// snapshot is recognised without keeping the earlier document.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace simdjson::dom {
class element;
class object;
}

namespace miglint::schema {

struct Fingerprint {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
};

struct FingerprintHash {
  std::size_t operator()(const Fingerprint& f) const { return static_cast<std::size_t>(f.low); }
};

// Equal for values written alike: the same members in the same order, strings byte for byte,
// numbers of the same kind and value. Values that differ collide with odds of about 2^-128.
Fingerprint fingerprint(const simdjson::dom::element& value);
Fingerprint fingerprint(const simdjson::dom::object& value);
// The object without the members of these keys.
Fingerprint fingerprint_except(const simdjson::dom::object& value, std::initializer_list<std::string_view> skipped);

// One digest for several values (a table and what else its reading depends on).
Fingerprint combine(const Fingerprint& a, const Fingerprint& b);

}  // namespace miglint::schema
