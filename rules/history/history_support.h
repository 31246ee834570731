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

}  // namespace miglint::history
