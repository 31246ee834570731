// A schema model from a drizzle-kit snapshot (meta/NNNN_snapshot.json), every version 0.x writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/dialect.h"
#include "schema/model.h"

namespace miglint::schema {

struct SnapshotModel {
  std::optional<Schema> schema;  // none when the snapshot is too broken to model
  std::string problem;           // why not, in a sentence
};

// text: the snapshot file's bytes. dialect: the folder's.
SnapshotModel schema_from_snapshot(std::string_view text, Dialect dialect);

}  // namespace miglint::schema
