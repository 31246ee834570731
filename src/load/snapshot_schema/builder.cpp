// Builds schema nodes the way zod composes its schemas (see zod.h).
#include <cstdint>
#include <stdexcept>

#include "load/snapshot_schema/zod.h"

namespace miglint::schema {

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

}  // namespace miglint::schema
