// The Drizzle Kit 0.x layout: meta/_journal.json lists the migrations, each NNNN_tag.sql sits at
// the top level and meta/NNNN_snapshot.json holds its schema snapshot.
#pragma once

#include <string>
#include <string_view>

#include "load/layout.h"

namespace miglint::drizzle_kit_0 {

const FolderLayout& layout();

// The file names a journal tag gives its migration; the tag must be safe (tag_is_safe).
std::string sql_file_name(std::string_view tag);
std::string snapshot_file_name(std::string_view tag_prefix);

}  // namespace miglint::drizzle_kit_0
