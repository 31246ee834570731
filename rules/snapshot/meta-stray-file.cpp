#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_meta_stray_file(const Context& ctx, Reporter& out) {
  for (const StrayMetaFile& stray : ctx.folder.stray_meta_files) {
    Location where;
    where.file = stray.display_path;
    const char* kind = stray.is_directory ? "a directory" : "a file";
    out.report(where, fmt::format("meta/{} is {} that drizzle-kit reads as a snapshot (it parses every name in meta/ "
                                  "not starting with '_'); check and generate crash on it",
                                  stray.file_name, kind))
        .help = "Delete it, or move it out of meta/. To keep a file there, give it a name starting with '_'.";
  }
}

}  // namespace miglint
