// drizzle-kit's validateWithReport for one snapshot: the version pre-check, then the
// dialect's schema, then whether the version is the latest.
#include <string>
#include <utility>

#include <fmt/core.h>

#include "load/snapshot_schema.h"
#include "load/snapshot_schema/dialects.h"
#include "load/snapshot_schema/js_number.h"
#include "load/snapshot_schema/zod.h"

namespace miglint {

using simdjson::dom::element;
using simdjson::dom::element_type;
using schema::js_number;
using schema::js_truthy;
using schema::last_field;

std::optional<SchemaViolation> validate_snapshot(simdjson::dom::element root, std::string_view dialect) {
  const schema::Node* node = schema::snapshot_schema_for(dialect);
  if (node == nullptr) {
    return SchemaViolation{"", fmt::format("unknown dialect \"{}\"", dialect), false};
  }
  return schema::validate(*node, root);
}

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
