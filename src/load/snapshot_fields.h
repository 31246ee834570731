// What both layouts' snapshot loaders read the same way: a snapshot's top-level scalar fields, each
// kept with where it stands, and the problem a file that is not JSON gives.
#pragma once

#include <simdjson.h>

#include <optional>
#include <span>
#include <string>
#include <utility>

#include "load/model.h"

namespace miglint {

// A member's value as text when it is a string or a number; nothing otherwise.
std::optional<std::string> json_scalar_text(simdjson::dom::element value);

// Each present scalar member of `object` into its slot, located by its JSON pointer in the file
// that `pending_file` (relative to the folder) names.
using SnapshotField = std::pair<const char*, std::optional<Located<std::string>>*>;
void read_snapshot_fields(simdjson::dom::object object, std::span<const SnapshotField> fields, const Snapshot& s,
                          const std::string& pending_file);

// "invalid JSON: ..." at the first offending byte when the scanner finds it, else at `fallback`.
Problem json_syntax_problem(const Snapshot& s, std::string_view bytes, simdjson::error_code error, Location fallback);

}  // namespace miglint
