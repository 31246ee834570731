// What the history rules share: how a message names a migration and the REF it was committed at.
#pragma once

#include <string>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint::history {

inline std::string quoted_tag(const JournalEntry& e) {
  return e.tag ? fmt::format("\"{}\"", e.tag->value) : fmt::format("entry {}", e.position);
}

// "HEAD", or "main (as the folder drizzle/ was there)" when the folder moved since.
inline std::string at_ref(const CommittedFolder& c) {
  return c.renamed ? fmt::format("{} (where the folder was {})", c.ref, c.path_at_ref) : c.ref;
}

// The folder itself, for a finding about a migration that is no longer in it (Drizzle Kit 1.0).
inline Location folder_location(const Folder& folder) {
  Location loc;
  loc.file = folder.display_path;
  return loc;
}

inline bool is_v1(const Folder& folder) { return folder.layout == Layout::DrizzleKit1; }

}  // namespace miglint::history
