// Walks a JSON value against a schema (zod.h) the way zod 3.25 does in drizzle-kit 0.31.11,
// producing the first violation as drizzle-kit users would read it.  The zod semantics:
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
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <fmt/ranges.h>

#include "load/snapshot_schema/zod.h"

namespace miglint::schema {

// JSON.parse keeps the last of duplicate keys.
std::optional<simdjson::dom::element> last_field(simdjson::dom::object obj, std::string_view key) {
  std::optional<simdjson::dom::element> found;
  for (simdjson::dom::key_value_pair kv : obj)
    if (kv.key == key) found = kv.value;
  return found;
}

namespace {

bool same_key(std::string_view a, std::string_view b) {
  // Keys are short; a plain loop beats a memcmp call here.
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

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
  const auto found = [&] {
    return type == element_type::STRING ? quoted(value.get_string().value_unsafe()) : std::string(describe(type));
  };
  std::string message;
  if (node.kind == Kind::literal) {
    message = type == element_type::STRING ? fmt::format("expected {}, found {}", quoted(node.literal), found())
                                           : fmt::format("expected the string {}, found {}", quoted(node.literal), found());
  } else if (node.kind == Kind::enumeration) {
    std::vector<std::string> choices;
    for (std::string_view choice : node.choices) choices.push_back(quoted(choice));
    message = fmt::format("expected one of {}; found {}", fmt::join(choices, ", "), found());
  } else {
    message = fmt::format("expected {}, found {}", expected_name(node.kind), describe(type));
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
      fail(fmt::format("missing required key {}", quoted(m.key)), true);
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
    fail(fmt::format("unknown key {} (drizzle-kit accepts only: {})", quoted(first_unknown), node.accepted_keys), false);
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

}  // namespace miglint::schema
