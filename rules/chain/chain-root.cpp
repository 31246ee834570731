#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

void check_chain_root(const Context& ctx, Reporter& out) {
  const Folder& f = ctx.folder;
  const Snapshot* first = nullptr;
  if (!f.journal.entries.empty()) {
    first = f.snapshot_of(f.journal.entries.front());
  } else if (!f.snapshots.empty()) {
    first = &f.snapshots.front();
  }
  if (!first || !first->prev_id) return;
  const std::string& prev = first->prev_id->value;
  bool generated_root = prev == kOriginId;
  bool pulled_root = prev.empty() && first->id && first->id->value == kOriginId;
  if (generated_root || pulled_root) return;
  out.report(first->prev_id->where,
             fmt::format("{} is the first snapshot but its prevId is \"{}\", not the origin id {}; earlier migrations "
                         "were removed or this folder was cut from another",
                         first->file_name, prev, kOriginId),
             f.tag_of(*first))
      .help = "If the earlier migrations were squashed on purpose, make sure every database already has them, then "
              "set prevId to the origin id. Otherwise restore the missing migrations from version control.";
}

}  // namespace miglint
