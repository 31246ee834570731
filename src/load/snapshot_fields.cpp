#include "load/snapshot_fields.h"

#include <fmt/core.h>

#include "core/json_scan.h"
#include "core/text_file.h"

namespace miglint {

std::optional<std::string> json_scalar_text(simdjson::dom::element value) {
  if (value.is_string()) return std::string(value.get_string().value_unsafe());
  if (value.is_int64()) return std::to_string(value.get_int64().value_unsafe());
  if (value.is_uint64()) return std::to_string(value.get_uint64().value_unsafe());
  if (value.is_double()) return simdjson::to_string(value);
  return std::nullopt;
}

void read_snapshot_fields(simdjson::dom::object object, std::span<const SnapshotField> fields, const Snapshot& s,
                          const std::string& pending_file) {
  for (const auto& [key, slot] : fields) {
    simdjson::dom::element value;
    if (object[key].get(value)) continue;
    if (auto text = json_scalar_text(value)) {
      Location where;
      where.file = s.display_path;
      where.json_pointer = std::string("/") + key;
      where.pending_file = pending_file;
      *slot = Located<std::string>{*text, std::move(where)};
    }
  }
}

Problem json_syntax_problem(const Snapshot& s, std::string_view bytes, simdjson::error_code error, Location fallback) {
  if (auto syntax = check_json_syntax(bytes, simdjson::DEFAULT_MAX_DEPTH)) {
    return Problem{fmt::format("invalid JSON: {}", syntax->message),
                   location_in(s.display_path, bytes, syntax->offset, syntax->offset + 1, {})};
  }
  return Problem{fmt::format("invalid JSON: {}", simdjson::error_message(error)), std::move(fallback)};
}

}  // namespace miglint
