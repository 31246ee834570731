// Snapshot shape validation that mirrors drizzle-kit 0.31.11's zod validators.
//
// drizzle-kit decides "data is malformed" with `validator.safeParse(raw)`, where the
// validator depends on the config dialect (drizzle-kit/src/utils.ts validatorForDialect):
//
//   postgresql          union(pgSchemaV5, pgSchemaV6, pgSchema v7)
//   sqlite, turso       union(sqliteSchemaV5, sqliteSchema v6)
//   mysql               union(mysqlSchemaV5 (with `schemas`), mysqlSchema v5)
//   singlestore         union(singlestoreSchema v1, singlestoreSchema v1)
//
// This header exposes a tiny declarative schema language with the same zod 3 semantics
// that those validators use (object / strict object / record / array / string / number /
// boolean / literal / enum / union / optional / default / any) and the per-dialect
// snapshot schemas written with it.  The schema trees are built once (function-local
// statics) and validation allocates nothing unless it has to report a violation.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace miglint {

struct SchemaViolation {
  // RFC 6901 pointer to the first offending value, e.g.
  // "/tables/public.users/columns/id/notNull".  For an unknown key it is the pointer of
  // that key's value; for a missing key it is the pointer of the missing member.
  std::string json_pointer;
  // One short sentence for users.
  std::string message;
  // True when the member is absent (so the location is its parent object).
  bool missing = false;
};

// dialect is one of "postgresql", "mysql", "sqlite" (also used for turso; "turso" is
// accepted as an alias), "singlestore".  Returns nothing when drizzle-kit 0.31.11 would
// accept the snapshot (validator.safeParse succeeds).  An unknown dialect is reported
// as a violation at the root pointer "".
std::optional<SchemaViolation> validate_snapshot(simdjson::dom::element root, std::string_view dialect);

// The latest snapshot version drizzle-kit 0.31.11 knows for a dialect: postgresql 7,
// sqlite/turso 6, mysql 5, singlestore 1; 0 for an unknown dialect.
int latest_snapshot_version(std::string_view dialect);

// drizzle-kit's pre-check in validateWithReport:
//   if (raw['version'] && Number(raw['version']) > latest) -> "unsupported version"
// (prints an Info line and exits 0 before validating anything else).  Implements JS
// truthiness and Number() for JSON values (strings are trimmed and parsed as a JS
// StringNumericLiteral, including hex/octal/binary and Infinity; one-element arrays
// convert through their element).
bool snapshot_version_is_unsupported(simdjson::dom::element root, std::string_view dialect);

// Full per-snapshot outcome of drizzle-kit's validateWithReport for one file.
enum class SnapshotVerdict : std::uint8_t {
  ok,           // valid and of the latest version
  malformed,    // "data is malformed"
  non_latest,   // valid but version != latest: "is not of the latest version"
  unsupported,  // version newer than known: "snapshot is of unsupported version"
};
// If `violation` is non-null and the verdict is malformed, it receives the violation.
SnapshotVerdict classify_snapshot(simdjson::dom::element root, std::string_view dialect,
                                  SchemaViolation* violation = nullptr);

namespace schema {

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

// The validator for a dialect (nullptr for an unknown one).  Built once, never freed.
const Node* snapshot_schema_for(std::string_view dialect);

// Validate `value` against `node`.  Returns nothing on success.
std::optional<SchemaViolation> validate(const Node& node, simdjson::dom::element value);

}  // namespace schema
}  // namespace miglint
