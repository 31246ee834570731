// A schema model from a drizzle-kit snapshot (meta/NNNN_snapshot.json), every version 0.x writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "load/dialect.h"
#include "schema/model.h"

namespace simdjson::dom {
class element;
}

namespace miglint::schema {

struct SnapshotModel {
  std::optional<Schema> schema;  // none when the snapshot is too broken to model
  std::string problem;           // why not, in a sentence
};

// text: the snapshot file's bytes. dialect: the folder's.
SnapshotModel schema_from_snapshot(std::string_view text, Dialect dialect);

// The same from the snapshot already parsed (the loader's simdjson parse): the document must
// outlive the call only.
SnapshotModel schema_from_snapshot(const simdjson::dom::element& root, Dialect dialect);

}  // namespace miglint::schema
