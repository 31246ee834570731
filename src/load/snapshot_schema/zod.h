// A tiny declarative schema language with the zod 3 semantics drizzle-kit's snapshot
// validators use (object / strict object / record / array / string / number / boolean /
// literal / enum / union / optional / default / any), and the validator that walks a
// snapshot against it.  Schema trees are built once (function-local statics) and
// validation allocates nothing unless it has to report a violation.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/snapshot_schema.h"

namespace miglint::schema {

enum class Kind : std::uint8_t {
  any,          // z.any(): accepts every value, including an absent one
  string,       // z.string()
  number,       // z.number() (every JSON number; JSON has no NaN)
  boolean,      // z.boolean()
  literal,      // z.literal("...") (string literals only)
  enumeration,  // z.enum([...])
  object,       // z.object({...}) strips unknown keys; .strict() rejects them
  record,       // z.record(z.string(), X)
  array,        // X.array()
  union_of,     // z.union([...]) accepted when any member accepts
  optional,     // X.optional(): may be absent
  defaulted,    // X.default(v): may be absent (the default always satisfies X here)
};

struct Node;

struct Member {
  std::string_view key;
  const Node* type;
};

struct Node {
  Kind kind = Kind::any;
  bool strict = false;                      // object: reject unknown keys
  const Node* inner = nullptr;              // record value, array element, optional/default
  std::string_view literal;                 // literal
  std::vector<Member> members;              // object shape, in declaration order
  std::vector<std::string_view> choices;    // enumeration
  std::vector<const Node*> alternatives;    // union
  std::string accepted_keys;                // object: "name, type, ..." for messages
  // Derived by the builder for objects (do not edit by hand):
  std::vector<std::uint32_t> key_signatures;  // cheap per-member key fingerprint
  std::uint64_t required_mask = 0;            // members that must be present
};

// Owns schema nodes; node addresses are stable for the builder's lifetime.
class Builder {
 public:
  const Node* any();
  const Node* string();
  const Node* number();
  const Node* boolean();
  const Node* literal(std::string_view value);
  const Node* enumeration(std::initializer_list<std::string_view> values);
  const Node* object(std::initializer_list<Member> members);         // strips unknown keys
  const Node* strict_object(std::initializer_list<Member> members);  // rejects unknown keys
  const Node* record(const Node* value);
  const Node* array(const Node* element);
  const Node* union_of(std::initializer_list<const Node*> alternatives);
  const Node* optional(const Node* inner);
  const Node* defaulted(const Node* inner);
  // zod `a.merge(b)`: a's shape overridden/extended by b's, with b's unknown-key policy.
  const Node* merge(const Node* a, const Node* b);
  // zod `a.strict()`.
  const Node* strict(const Node* a);

 private:
  Node& make(Kind kind);
  static void finish_object(Node& node);
  std::deque<Node> nodes_;
};

// The shorthands every dialect's schema is written with, so that it reads like drizzle-kit's zod
// source ({"nulls", opt(str)}): each dialect builds its schema in a class deriving from this one.
class SchemaShorthands {
 public:
  explicit SchemaShorthands(Builder& builder) : b(builder) {}

 protected:
  Builder& b;
  const Node* const str = b.string();
  const Node* const num = b.number();
  const Node* const boolean = b.boolean();
  const Node* const any = b.any();
  const Node* opt(const Node* n) const { return b.optional(n); }
  const Node* def(const Node* n) const { return b.defaulted(n); }
  const Node* arr(const Node* n) const { return b.array(n); }
  const Node* rec(const Node* n) const { return b.record(n); }
};

// optional() / default() / any() (or a union holding one) let an object member be absent.
bool accepts_absent(const Node& node);

// A fingerprint of an object key, compared before the key itself: length plus its first,
// middle and last bytes.  Inline: the validator's fast path calls it for every key.
inline std::uint32_t key_signature(std::string_view key) {
  if (key.empty()) return 0;
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(key[i])); };
  return (static_cast<std::uint32_t>(key.size()) & 0xFFu) | (byte(0) << 8) | (byte(key.size() / 2) << 16) |
         (byte(key.size() - 1) << 24);
}

// The member JSON.parse keeps: the last of duplicate keys.
std::optional<simdjson::dom::element> last_field(simdjson::dom::object obj, std::string_view key);

// Validate `value` against `node`.  Returns nothing on success.
std::optional<SchemaViolation> validate(const Node& node, simdjson::dom::element value);

}  // namespace miglint::schema
