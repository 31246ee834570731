// Snapshot shape validation mirroring drizzle-kit 0.31.11 (zod 3.25) validators.
// See snapshot_schema.h for the overview.  The zod semantics reproduced here:
//   * object(): the value must be a non-null, non-array object; members are looked up
//     by key (for duplicate JSON keys the last one wins, as with JSON.parse); unknown
//     keys are stripped, or rejected after .strict().
//   * a.merge(b): shape of a extended/overridden by b, unknown-key policy of *b*.
//   * optional() / default() / any(): accept an absent member.  JSON has no undefined,
//     so inside records and arrays they just validate the inner type (null is never
//     accepted by optional/default unless the inner type is any()).
//   * record(string(), X): every own key's value must satisfy X.
//   * union([...]): accepted when any member accepts (no member here transforms data,
//     so the order does not change the outcome).
#include "load/snapshot_schema.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace miglint {
namespace {

// JSON.parse keeps the last of duplicate keys.
std::optional<simdjson::dom::element> last_field(simdjson::dom::object obj, std::string_view key) {
  std::optional<simdjson::dom::element> found;
  for (simdjson::dom::key_value_pair kv : obj)
    if (kv.key == key) found = kv.value;
  return found;
}

}  // namespace

namespace schema {

namespace {

bool accepts_absent(const Node& node) {
  switch (node.kind) {
    case Kind::any:
    case Kind::optional:
    case Kind::defaulted:
      return true;
    case Kind::union_of:
      for (const Node* alt : node.alternatives)
        if (accepts_absent(*alt)) return true;
      return false;
    default:
      return false;
  }
}

// A fingerprint of a key: length plus its first, middle and last bytes.
std::uint32_t key_signature(std::string_view key) {
  if (key.empty()) return 0;
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(key[i])); };
  return (static_cast<std::uint32_t>(key.size()) & 0xFFu) | (byte(0) << 8) | (byte(key.size() / 2) << 16) |
         (byte(key.size() - 1) << 24);
}

bool same_key(std::string_view a, std::string_view b) {
  // Keys are short; a plain loop beats a memcmp call here.
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Builder

Node& Builder::make(Kind kind) {
  Node& node = nodes_.emplace_back();
  node.kind = kind;
  return node;
}

const Node* Builder::any() { return &make(Kind::any); }
const Node* Builder::string() { return &make(Kind::string); }
const Node* Builder::number() { return &make(Kind::number); }
const Node* Builder::boolean() { return &make(Kind::boolean); }

const Node* Builder::literal(std::string_view value) {
  Node& node = make(Kind::literal);
  node.literal = value;
  return &node;
}

const Node* Builder::enumeration(std::initializer_list<std::string_view> values) {
  Node& node = make(Kind::enumeration);
  node.choices.assign(values.begin(), values.end());
  return &node;
}

void Builder::finish_object(Node& node) {
  // The validator tracks member presence in a 64-bit mask.
  if (node.members.size() > 64) throw std::length_error("schema object with more than 64 members");
  node.accepted_keys.clear();
  node.key_signatures.clear();
  node.required_mask = 0;
  for (std::size_t i = 0; i < node.members.size(); ++i) {
    const Member& m = node.members[i];
    if (!node.accepted_keys.empty()) node.accepted_keys += ", ";
    node.accepted_keys += m.key;
    node.key_signatures.push_back(key_signature(m.key));
    if (!accepts_absent(*m.type)) node.required_mask |= std::uint64_t{1} << i;
  }
}

const Node* Builder::object(std::initializer_list<Member> members) {
  Node& node = make(Kind::object);
  node.members.assign(members.begin(), members.end());
  finish_object(node);
  return &node;
}

const Node* Builder::strict_object(std::initializer_list<Member> members) {
  Node& node = make(Kind::object);
  node.members.assign(members.begin(), members.end());
  node.strict = true;
  finish_object(node);
  return &node;
}

const Node* Builder::record(const Node* value) {
  Node& node = make(Kind::record);
  node.inner = value;
  return &node;
}

const Node* Builder::array(const Node* element) {
  Node& node = make(Kind::array);
  node.inner = element;
  return &node;
}

const Node* Builder::union_of(std::initializer_list<const Node*> alternatives) {
  Node& node = make(Kind::union_of);
  node.alternatives.assign(alternatives.begin(), alternatives.end());
  return &node;
}

const Node* Builder::optional(const Node* inner) {
  Node& node = make(Kind::optional);
  node.inner = inner;
  return &node;
}

const Node* Builder::defaulted(const Node* inner) {
  Node& node = make(Kind::defaulted);
  node.inner = inner;
  return &node;
}

const Node* Builder::merge(const Node* a, const Node* b) {
  Node& node = make(Kind::object);
  // JS object spread: a's keys keep their position, b's values override, b's new keys
  // are appended in b's order.
  node.members = a->members;
  for (const Member& m : b->members) {
    bool replaced = false;
    for (Member& existing : node.members) {
      if (existing.key == m.key) {
        existing.type = m.type;
        replaced = true;
        break;
      }
    }
    if (!replaced) node.members.push_back(m);
  }
  node.strict = b->strict;
  finish_object(node);
  return &node;
}

const Node* Builder::strict(const Node* a) {
  Node& node = make(Kind::object);
  node.members = a->members;
  node.strict = true;
  finish_object(node);
  return &node;
}

// ---------------------------------------------------------------------------
// Validator

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::size_t kMaxDepth = 64;

const char* describe(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

const char* expected_name(Kind kind) {
  switch (kind) {
    case Kind::string: return "a string";
    case Kind::number: return "a number";
    case Kind::boolean: return "a boolean";
    case Kind::object:
    case Kind::record: return "an object";
    case Kind::array: return "an array";
    default: return "a value";
  }
}

// A short, JSON-quoted rendering of a string for messages.
std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "\"";
  std::size_t n = 0;
  for (char c : s) {
    if (n++ == kMax) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void append_pointer_token(std::string& out, std::string_view token) {
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

// The literal of an object alternative's "version" member, if it has one.
std::optional<std::string_view> version_literal(const Node& node) {
  if (node.kind != Kind::object) return std::nullopt;
  for (const Member& m : node.members)
    if (m.key == "version" && m.type->kind == Kind::literal) return m.type->literal;
  return std::nullopt;
}

// True when a key equal to `key` follows `it` in `obj` (JSON.parse keeps the last one).
bool has_later_key(const simdjson::dom::object& obj, simdjson::dom::object::iterator it, std::string_view key) {
  for (++it; it != obj.end(); ++it)
    if (it.key() == key) return true;
  return false;
}

class Validator {
 public:
  explicit Validator(bool report) : report_(report) {}

  bool check(const Node& node, element value);

  std::optional<SchemaViolation> take() { return std::move(violation_); }

 private:
  struct Token {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };

  void push_key(std::string_view key) {
    if (depth_ < kMaxDepth) path_[depth_] = Token{key, 0, false};
    ++depth_;
  }
  void push_index(std::size_t index) {
    if (depth_ < kMaxDepth) path_[depth_] = Token{{}, index, true};
    ++depth_;
  }
  void pop() { --depth_; }

  std::string pointer() const {
    std::string out;
    const std::size_t n = depth_ < kMaxDepth ? depth_ : kMaxDepth;
    for (std::size_t i = 0; i < n; ++i) {
      if (path_[i].is_index) {
        out += '/';
        out += std::to_string(path_[i].index);
      } else {
        append_pointer_token(out, path_[i].key);
      }
    }
    return out;
  }

  bool fail(std::string message, bool missing) {
    if (report_) {
      violation_ = SchemaViolation{pointer(), std::move(message), missing};
      fail_depth_ = depth_;
    }
    return false;
  }

  bool fail_type(const Node& node, element value);
  bool check_object(const Node& node, element value);
  bool check_record(const Node& node, element value);
  bool check_array(const Node& node, element value);
  bool check_union(const Node& node, element value);

  bool report_;
  std::array<Token, kMaxDepth> path_{};
  std::size_t depth_ = 0;
  std::size_t fail_depth_ = 0;
  std::optional<SchemaViolation> violation_;
};

bool Validator::fail_type(const Node& node, element value) {
  if (!report_) return false;
  const element_type type = value.type();
  std::string message;
  if (node.kind == Kind::literal) {
    if (type == element_type::STRING) {
      message = "expected " + quoted(node.literal) + ", found " + quoted(value.get_string().value_unsafe());
    } else {
      message = "expected the string " + quoted(node.literal) + ", found " + describe(type);
    }
  } else if (node.kind == Kind::enumeration) {
    message = "expected one of ";
    for (std::size_t i = 0; i < node.choices.size(); ++i) {
      if (i) message += ", ";
      message += quoted(node.choices[i]);
    }
    if (type == element_type::STRING) {
      message += "; found " + quoted(value.get_string().value_unsafe());
    } else {
      message += "; found ";
      message += describe(type);
    }
  } else {
    message = std::string("expected ") + expected_name(node.kind) + ", found " + describe(type);
  }
  return fail(std::move(message), false);
}

bool Validator::check(const Node& node, element value) {
  switch (node.kind) {
    case Kind::any:
      return true;
    case Kind::string:
      return value.type() == element_type::STRING || fail_type(node, value);
    case Kind::number: {
      const element_type t = value.type();
      return t == element_type::INT64 || t == element_type::UINT64 || t == element_type::DOUBLE ||
             fail_type(node, value);
    }
    case Kind::boolean:
      return value.type() == element_type::BOOL || fail_type(node, value);
    case Kind::literal:
      if (value.type() == element_type::STRING && value.get_string().value_unsafe() == node.literal) return true;
      return fail_type(node, value);
    case Kind::enumeration:
      if (value.type() == element_type::STRING) {
        const std::string_view s = value.get_string().value_unsafe();
        for (std::string_view choice : node.choices)
          if (s == choice) return true;
      }
      return fail_type(node, value);
    case Kind::object:
      return check_object(node, value);
    case Kind::record:
      return check_record(node, value);
    case Kind::array:
      return check_array(node, value);
    case Kind::union_of:
      return check_union(node, value);
    case Kind::optional:
    case Kind::defaulted:
      return check(*node.inner, value);
  }
  return false;
}

bool Validator::check_object(const Node& node, element value) {
  if (value.type() != element_type::OBJECT) return fail_type(node, value);
  const simdjson::dom::object obj = value.get_object().value_unsafe();
  const std::size_t n = node.members.size();
  std::uint64_t present = 0;

  if (!report_) {
    // Fast path: validate in document order, no bookkeeping beyond a bit mask.
    // drizzle-kit writes keys in (nearly) shape order, so the search starts just after
    // the previous match.
    std::size_t hint = 0;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string_view key = it.key();
      const std::uint32_t sig = key_signature(key);
      std::size_t i = n;
      for (std::size_t k = 0; k < n; ++k) {
        std::size_t j = hint + k;
        if (j >= n) j -= n;
        if (node.key_signatures[j] == sig && same_key(node.members[j].key, key)) {
          i = j;
          break;
        }
      }
      if (i == n) {
        if (node.strict) return false;
        continue;
      }
      hint = i + 1;
      present |= std::uint64_t{1} << i;
      // Scalars (the bulk of a snapshot) are checked inline; optional()/default() only
      // matter for absent members, which are handled by required_mask below.
      const Node* type = node.members[i].type;
      while (type->kind == Kind::optional || type->kind == Kind::defaulted) type = type->inner;
      const element member = it.value();
      bool ok;
      switch (type->kind) {
        case Kind::any: ok = true; break;
        case Kind::string: ok = member.type() == element_type::STRING; break;
        case Kind::boolean: ok = member.type() == element_type::BOOL; break;
        default: ok = check(*type, member); break;
      }
      if (!ok && !has_later_key(obj, it, key)) return false;
    }
    return (node.required_mask & ~present) == 0;
  }

  // Reporting path: follow zod's issue order (members in shape order, then unknown keys).
  std::vector<element> slots(n);
  std::string_view first_unknown;
  bool has_unknown = false;
  for (simdjson::dom::key_value_pair kv : obj) {
    std::size_t i = 0;
    while (i < n && node.members[i].key != kv.key) ++i;
    if (i < n) {
      slots[i] = kv.value;  // the last duplicate wins, as with JSON.parse
      present |= std::uint64_t{1} << i;
    } else if (!has_unknown) {
      has_unknown = true;
      first_unknown = kv.key;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Member& m = node.members[i];
    if ((present & (std::uint64_t{1} << i)) == 0) {
      if (accepts_absent(*m.type)) continue;
      push_key(m.key);
      fail("missing required key " + quoted(m.key), true);
      pop();
      return false;
    }
    push_key(m.key);
    const bool ok = check(*m.type, slots[i]);
    pop();
    if (!ok) return false;
  }
  if (node.strict && has_unknown) {
    push_key(first_unknown);
    fail("unknown key " + quoted(first_unknown) + " (drizzle-kit accepts only: " + node.accepted_keys + ")", false);
    pop();
    return false;
  }
  return true;
}

bool Validator::check_record(const Node& node, element value) {
  if (value.type() != element_type::OBJECT) return fail_type(node, value);
  const simdjson::dom::object obj = value.get_object().value_unsafe();
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    push_key(it.key());
    const bool ok = check(*node.inner, it.value());
    pop();
    if (ok) continue;
    // A later duplicate key replaces this value in JSON.parse, so this one never
    // reaches zod.
    if (!has_later_key(obj, it, it.key())) return false;
    violation_.reset();
  }
  return true;
}

bool Validator::check_array(const Node& node, element value) {
  if (value.type() != element_type::ARRAY) return fail_type(node, value);
  std::size_t index = 0;
  const simdjson::dom::array items = value.get_array().value_unsafe();
  for (element item : items) {
    push_index(index);
    const bool ok = check(*node.inner, item);
    pop();
    if (!ok) return false;
    ++index;
  }
  return true;
}

bool Validator::check_union(const Node& node, element value) {
  // An alternative with a required "version" literal can only accept a document whose
  // (last) "version" member is that string; skipping the others changes nothing but time.
  std::optional<std::string_view> doc_version;
  if (value.type() == element_type::OBJECT) {
    if (auto v = last_field(value.get_object().value_unsafe(), "version");
        v && v->type() == element_type::STRING) {
      doc_version = v->get_string().value_unsafe();
    }
  }
  for (const Node* alt : node.alternatives) {
    const std::optional<std::string_view> lit = version_literal(*alt);
    if (lit && lit != doc_version) continue;
    Validator quiet(false);
    if (quiet.check(*alt, value)) return true;
  }
  if (!report_) return false;
  // Every member failed: report from the member(s) whose "version" literal matches
  // the document's version, else from all members; pick the deepest failure.
  bool any_match = false;
  if (doc_version) {
    for (const Node* alt : node.alternatives)
      if (version_literal(*alt) == doc_version) any_match = true;
  }
  std::optional<SchemaViolation> best;
  std::size_t best_depth = 0;
  for (const Node* alt : node.alternatives) {
    if (any_match && version_literal(*alt) != doc_version) continue;
    violation_.reset();
    fail_depth_ = 0;
    check(*alt, value);
    if (violation_ && (!best || fail_depth_ >= best_depth)) {  // ties: the later (newer) member
      best = std::move(violation_);
      best_depth = fail_depth_;
    }
  }
  violation_ = std::move(best);
  fail_depth_ = best_depth;
  return false;
}

}  // namespace

std::optional<SchemaViolation> validate(const Node& node, element value) {
  {
    Validator quiet(false);
    if (quiet.check(node, value)) return std::nullopt;
  }
  Validator loud(true);
  loud.check(node, value);
  std::optional<SchemaViolation> v = loud.take();
  if (!v) v = SchemaViolation{"", "the snapshot does not match drizzle-kit's schema", false};
  return v;
}

// ---------------------------------------------------------------------------
// The drizzle-kit 0.31.11 snapshot schemas.

namespace {

struct Schemas {
  Builder b;
  const Node* postgresql = nullptr;
  const Node* sqlite = nullptr;
  const Node* mysql = nullptr;
  const Node* singlestore = nullptr;
};

// drizzle-kit/src/serializer/pgSchema.ts
const Node* build_postgresql(Builder& b) {
  const Node* str = b.string();
  const Node* num = b.number();
  const Node* boolean = b.boolean();
  const Node* any = b.any();
  auto opt = [&](const Node* n) { return b.optional(n); };
  auto def = [&](const Node* n) { return b.defaulted(n); };
  auto arr = [&](const Node* n) { return b.array(n); };
  auto rec = [&](const Node* n) { return b.record(n); };

  // Not .strict() in drizzle-kit: unknown keys of index columns are stripped.
  const Node* index_column = b.object({
      {"expression", str}, {"isExpression", boolean}, {"asc", boolean},
      {"nulls", opt(str)}, {"opclass", opt(str)}});
  const Node* index = b.strict_object({
      {"name", str}, {"columns", arr(index_column)}, {"isUnique", boolean},
      {"with", opt(rec(any))}, {"method", def(str)}, {"where", opt(str)},
      {"concurrently", def(boolean)}});
  // indexV5 and indexV6 are identical: string index columns.
  const Node* index_v5 = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"isUnique", boolean},
      {"with", opt(rec(str))}, {"method", def(str)}, {"where", opt(str)},
      {"concurrently", def(boolean)}});
  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"schemaTo", opt(str)}, {"columnsTo", arr(str)}, {"onUpdate", opt(str)},
      {"onDelete", opt(str)}});
  const Node* sequence = b.strict_object({
      {"name", str}, {"increment", opt(str)}, {"minValue", opt(str)}, {"maxValue", opt(str)},
      {"startWith", opt(str)}, {"cache", opt(str)}, {"cycle", opt(boolean)}, {"schema", str}});
  const Node* role = b.strict_object({
      {"name", str}, {"createDb", opt(boolean)}, {"createRole", opt(boolean)},
      {"inherit", opt(boolean)}});
  // sequenceSchema.merge(object({type})): the merged object takes the plain object's
  // policy, so identity objects strip unknown keys.
  const Node* identity = b.merge(sequence, b.object({{"type", b.enumeration({"always", "byDefault"})}}));
  const Node* generated = b.object({{"type", b.literal("stored")}, {"as", str}});
  const Node* column = b.strict_object({
      {"name", str}, {"type", str}, {"typeSchema", opt(str)}, {"primaryKey", boolean},
      {"notNull", boolean}, {"default", opt(any)}, {"isUnique", opt(any)},
      {"uniqueName", opt(str)}, {"nullsNotDistinct", opt(boolean)},
      {"generated", opt(generated)}, {"identity", opt(identity)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  const Node* composite_pk = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* unique_constraint = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"nullsNotDistinct", boolean}});
  const Node* policy = b.strict_object({
      {"name", str}, {"as", opt(b.enumeration({"PERMISSIVE", "RESTRICTIVE"}))},
      {"for", opt(b.enumeration({"ALL", "SELECT", "INSERT", "UPDATE", "DELETE"}))},
      {"to", opt(arr(str))}, {"using", opt(str)}, {"withCheck", opt(str)}, {"on", opt(str)},
      {"schema", opt(str)}});
  const Node* view_with = b.strict_object({
      {"checkOption", opt(b.enumeration({"local", "cascaded"}))},
      {"securityBarrier", opt(boolean)}, {"securityInvoker", opt(boolean)}});
  const Node* mat_view_with = b.strict_object({
      {"fillfactor", opt(num)}, {"toastTupleTarget", opt(num)}, {"parallelWorkers", opt(num)},
      {"autovacuumEnabled", opt(boolean)},
      {"vacuumIndexCleanup", opt(b.enumeration({"auto", "off", "on"}))},
      {"vacuumTruncate", opt(boolean)}, {"autovacuumVacuumThreshold", opt(num)},
      {"autovacuumVacuumScaleFactor", opt(num)}, {"autovacuumVacuumCostDelay", opt(num)},
      {"autovacuumVacuumCostLimit", opt(num)}, {"autovacuumFreezeMinAge", opt(num)},
      {"autovacuumFreezeMaxAge", opt(num)}, {"autovacuumFreezeTableAge", opt(num)},
      {"autovacuumMultixactFreezeMinAge", opt(num)}, {"autovacuumMultixactFreezeMaxAge", opt(num)},
      {"autovacuumMultixactFreezeTableAge", opt(num)}, {"logAutovacuumMinDuration", opt(num)},
      {"userCatalogTable", opt(boolean)}});
  const Node* merged_view_with = b.strict(b.merge(view_with, mat_view_with));
  const Node* view = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"definition", opt(str)},
      {"materialized", boolean}, {"with", opt(merged_view_with)}, {"isExisting", boolean},
      {"withNoData", opt(boolean)}, {"using", opt(str)}, {"tablespace", opt(str)}});
  // tableV5 and tableV6 are identical apart from the (identical) index schemas.
  const Node* table_v5 = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"indexes", rec(index_v5)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))}});
  const Node* table = b.strict_object({
      {"name", str}, {"schema", str}, {"columns", rec(column)}, {"indexes", rec(index)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))}, {"policies", def(rec(policy))},
      {"checkConstraints", def(rec(check_constraint))}, {"isRLSEnabled", def(boolean)}});
  // Plain objects: unknown keys are stripped at every level of kit internals.
  const Node* internal_column = b.object({
      {"isArray", opt(boolean)}, {"dimensions", opt(num)}, {"rawType", opt(str)},
      {"isDefaultAnExpression", opt(boolean)}});
  const Node* internal_table = b.object({{"columns", rec(opt(internal_column))}});
  const Node* kit_internals = opt(b.object({{"tables", rec(opt(internal_table))}}));
  const Node* meta = b.object({{"schemas", rec(str)}, {"tables", rec(str)}, {"columns", rec(str)}});
  const Node* enum_v1 = b.strict_object({{"name", str}, {"values", rec(str)}});
  const Node* enum_latest = b.strict_object({{"name", str}, {"schema", str}, {"values", arr(str)}});
  // Not strict: merging it makes the top level of every pg snapshot strip unknown keys.
  const Node* hash = b.object({{"id", str}, {"prevId", str}});

  const Node* v5 = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", b.literal("pg")}, {"tables", rec(table_v5)},
      {"enums", rec(enum_v1)}, {"schemas", rec(str)}, {"_meta", meta},
      {"internal", kit_internals}}), hash);
  const Node* v6 = b.merge(b.strict_object({
      {"version", b.literal("6")}, {"dialect", b.literal("postgresql")}, {"tables", rec(table_v5)},
      {"enums", rec(enum_latest)}, {"schemas", rec(str)}, {"_meta", meta},
      {"internal", kit_internals}}), hash);
  const Node* v7 = b.merge(b.strict_object({
      {"version", b.literal("7")}, {"dialect", b.literal("postgresql")}, {"tables", rec(table)},
      {"enums", rec(enum_latest)}, {"schemas", rec(str)}, {"views", def(rec(view))},
      {"sequences", def(rec(sequence))}, {"roles", def(rec(role))},
      {"policies", def(rec(policy))}, {"_meta", meta}, {"internal", kit_internals}}), hash);
  return b.union_of({v5, v6, v7});
}

// drizzle-kit/src/serializer/sqliteSchema.ts
const Node* build_sqlite(Builder& b) {
  const Node* str = b.string();
  const Node* boolean = b.boolean();
  const Node* any = b.any();
  auto opt = [&](const Node* n) { return b.optional(n); };
  auto def = [&](const Node* n) { return b.defaulted(n); };
  auto arr = [&](const Node* n) { return b.array(n); };
  auto rec = [&](const Node* n) { return b.record(n); };

  const Node* index = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"where", opt(str)}, {"isUnique", boolean}});
  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"columnsTo", arr(str)}, {"onUpdate", opt(str)}, {"onDelete", opt(str)}});
  const Node* composite_pk = b.strict_object({{"columns", arr(str)}, {"name", opt(str)}});
  const Node* generated = b.object({{"type", b.enumeration({"stored", "virtual"})}, {"as", str}});
  const Node* column = b.strict_object({
      {"name", str}, {"type", str}, {"primaryKey", boolean}, {"notNull", boolean},
      {"autoincrement", opt(boolean)}, {"default", opt(any)}, {"generated", opt(generated)}});
  const Node* unique_constraint = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(column)}, {"indexes", rec(index)}, {"foreignKeys", rec(fk)},
      {"compositePrimaryKeys", rec(composite_pk)},
      {"uniqueConstraints", def(rec(unique_constraint))},
      {"checkConstraints", def(rec(check_constraint))}});
  const Node* view = b.strict_object({
      {"name", str}, {"columns", rec(column)}, {"definition", opt(str)}, {"isExisting", boolean}});
  const Node* dialect = b.enumeration({"sqlite"});
  const Node* hash = b.strict_object({{"id", str}, {"prevId", str}});
  const Node* meta = b.object({{"tables", rec(str)}, {"columns", rec(str)}});
  const Node* enums = b.object({});  // object({}): any object, keys stripped
  const Node* internal_column = b.object({{"isExpression", opt(boolean)}});
  const Node* internal_index = b.object({{"columns", rec(opt(internal_column))}});
  const Node* kit_internals = opt(b.object({{"indexes", opt(rec(opt(internal_index)))}}));

  const Node* v5 = b.strict(b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"enums", enums}, {"_meta", meta}}), hash));
  const Node* v6 = b.strict(b.merge(b.strict_object({
      {"version", b.literal("6")}, {"dialect", dialect}, {"tables", rec(table)},
      {"views", def(rec(view))}, {"enums", enums}, {"_meta", meta},
      {"internal", kit_internals}}), hash));
  return b.union_of({v5, v6});
}

struct MysqlParts {
  const Node* index;
  const Node* column;
  const Node* composite_pk;
  const Node* unique_constraint;
  const Node* kit_internals;
  const Node* hash;
  const Node* meta;  // _meta without schemas
};

// Shared by mysqlSchema.ts and singlestoreSchema.ts (separate but identical source).
MysqlParts build_mysql_parts(Builder& b) {
  const Node* str = b.string();
  const Node* boolean = b.boolean();
  const Node* any = b.any();
  auto opt = [&](const Node* n) { return b.optional(n); };
  auto arr = [&](const Node* n) { return b.array(n); };
  auto rec = [&](const Node* n) { return b.record(n); };
  MysqlParts p{};
  p.index = b.strict_object({
      {"name", str}, {"columns", arr(str)}, {"isUnique", boolean},
      {"using", opt(b.enumeration({"btree", "hash"}))},
      {"algorithm", opt(b.enumeration({"default", "inplace", "copy"}))},
      {"lock", opt(b.enumeration({"default", "none", "shared", "exclusive"}))}});
  const Node* generated = b.object({{"type", b.enumeration({"stored", "virtual"})}, {"as", str}});
  p.column = b.strict_object({
      {"name", str}, {"type", str}, {"primaryKey", boolean}, {"notNull", boolean},
      {"autoincrement", opt(boolean)}, {"default", opt(any)}, {"onUpdate", opt(any)},
      {"generated", opt(generated)}});
  p.composite_pk = b.strict_object({{"name", str}, {"columns", arr(str)}});
  p.unique_constraint = b.strict_object({{"name", str}, {"columns", arr(str)}});
  const Node* internal_default = b.object({{"isDefaultAnExpression", opt(boolean)}});
  const Node* internal_expr = b.object({{"isExpression", opt(boolean)}});
  const Node* internal_table = b.object({{"columns", rec(opt(internal_default))}});
  const Node* internal_index = b.object({{"columns", rec(opt(internal_expr))}});
  p.kit_internals = opt(b.object({
      {"tables", opt(rec(opt(internal_table)))}, {"indexes", opt(rec(opt(internal_index)))}}));
  p.hash = b.object({{"id", str}, {"prevId", str}});
  p.meta = b.object({{"tables", rec(str)}, {"columns", rec(str)}});
  return p;
}

// drizzle-kit/src/serializer/mysqlSchema.ts
const Node* build_mysql(Builder& b) {
  const MysqlParts p = build_mysql_parts(b);
  const Node* str = b.string();
  const Node* boolean = b.boolean();
  auto opt = [&](const Node* n) { return b.optional(n); };
  auto def = [&](const Node* n) { return b.defaulted(n); };
  auto arr = [&](const Node* n) { return b.array(n); };
  auto rec = [&](const Node* n) { return b.record(n); };

  const Node* fk = b.strict_object({
      {"name", str}, {"tableFrom", str}, {"columnsFrom", arr(str)}, {"tableTo", str},
      {"columnsTo", arr(str)}, {"onUpdate", opt(str)}, {"onDelete", opt(str)}});
  const Node* check_constraint = b.strict_object({{"name", str}, {"value", str}});
  // Note the singular "checkConstraint" key.
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"indexes", rec(p.index)},
      {"foreignKeys", rec(fk)}, {"compositePrimaryKeys", rec(p.composite_pk)},
      {"uniqueConstraints", def(rec(p.unique_constraint))},
      {"checkConstraint", def(rec(check_constraint))}});
  const Node* view_meta = b.strict_object({
      {"algorithm", b.enumeration({"undefined", "merge", "temptable"})},
      {"sqlSecurity", b.enumeration({"definer", "invoker"})},
      {"withCheckOption", opt(b.enumeration({"local", "cascaded"}))}});
  const Node* view = b.merge(b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"definition", opt(str)},
      {"isExisting", boolean}}), view_meta);
  const Node* meta_v5 = b.object({{"schemas", rec(str)}, {"tables", rec(str)}, {"columns", rec(str)}});
  const Node* dialect = b.literal("mysql");

  const Node* v5 = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"schemas", rec(str)}, {"_meta", meta_v5}, {"internal", p.kit_internals}}), p.hash);
  const Node* latest = b.merge(b.strict_object({
      {"version", b.literal("5")}, {"dialect", dialect}, {"tables", rec(table)},
      {"views", def(rec(view))}, {"_meta", p.meta}, {"internal", p.kit_internals}}), p.hash);
  return b.union_of({v5, latest});
}

// drizzle-kit/src/serializer/singlestoreSchema.ts
const Node* build_singlestore(Builder& b) {
  const MysqlParts p = build_mysql_parts(b);
  const Node* str = b.string();
  auto def = [&](const Node* n) { return b.defaulted(n); };
  auto rec = [&](const Node* n) { return b.record(n); };
  const Node* table = b.strict_object({
      {"name", str}, {"columns", rec(p.column)}, {"indexes", rec(p.index)},
      {"compositePrimaryKeys", rec(p.composite_pk)},
      {"uniqueConstraints", def(rec(p.unique_constraint))}});
  const Node* schema = b.merge(b.strict_object({
      {"version", b.literal("1")}, {"dialect", b.literal("singlestore")}, {"tables", rec(table)},
      {"_meta", p.meta}, {"internal", p.kit_internals}}), p.hash);
  // drizzle-kit: union([singlestoreSchema, schema]), the same schema twice.
  return b.union_of({schema, schema});
}

const Schemas& schemas() {
  static const Schemas instance = [] {
    Schemas s;
    s.postgresql = build_postgresql(s.b);
    s.sqlite = build_sqlite(s.b);
    s.mysql = build_mysql(s.b);
    s.singlestore = build_singlestore(s.b);
    return s;
  }();
  return instance;
}

}  // namespace

const Node* snapshot_schema_for(std::string_view dialect) {
  const Schemas& s = schemas();
  if (dialect == "postgresql") return s.postgresql;
  if (dialect == "sqlite" || dialect == "turso") return s.sqlite;
  if (dialect == "mysql") return s.mysql;
  if (dialect == "singlestore") return s.singlestore;
  return nullptr;
}

}  // namespace schema

// ---------------------------------------------------------------------------
// Public entry points

std::optional<SchemaViolation> validate_snapshot(simdjson::dom::element root, std::string_view dialect) {
  const schema::Node* node = schema::snapshot_schema_for(dialect);
  if (node == nullptr) {
    return SchemaViolation{"", "unknown dialect \"" + std::string(dialect) + "\"", false};
  }
  return schema::validate(*node, root);
}

int latest_snapshot_version(std::string_view dialect) {
  if (dialect == "postgresql") return 7;
  if (dialect == "sqlite" || dialect == "turso") return 6;
  if (dialect == "mysql") return 5;
  if (dialect == "singlestore") return 1;
  return 0;
}

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

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
    while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
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

// ECMAScript Number(value) for a JSON value.
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

}  // namespace

bool snapshot_version_is_unsupported(simdjson::dom::element root, std::string_view dialect) {
  if (root.type() != element_type::OBJECT) return false;
  const std::optional<element> version = last_field(root.get_object().value_unsafe(), "version");
  if (!version || !js_truthy(*version)) return false;
  const double n = js_number(*version);
  return n > static_cast<double>(latest_snapshot_version(dialect));
}

SnapshotVerdict classify_snapshot(simdjson::dom::element root, std::string_view dialect,
                                  SchemaViolation* violation) {
  if (snapshot_version_is_unsupported(root, dialect)) return SnapshotVerdict::unsupported;
  std::optional<SchemaViolation> v = validate_snapshot(root, dialect);
  if (v) {
    if (violation != nullptr) *violation = std::move(*v);
    return SnapshotVerdict::malformed;
  }
  // Valid means the document's version equals one member's literal.
  const std::optional<element> version = last_field(root.get_object().value_unsafe(), "version");
  const std::string latest = std::to_string(latest_snapshot_version(dialect));
  if (version && version->type() == element_type::STRING && version->get_string().value_unsafe() == latest) {
    return SnapshotVerdict::ok;
  }
  return SnapshotVerdict::non_latest;
}

}  // namespace miglint
