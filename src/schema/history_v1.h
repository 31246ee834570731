// The snapshots of a Drizzle Kit 1.0 folder as models: each snapshot's state reconstructed as
// drizzle-kit 1.0 reconstructs it (its first parent's state, the other parents' changes for a
// merge, then its own deltas), and the state generate started from when it wrote a migration:
// the union of the snapshots its prevIds name (drizzle-kit's startingState). Snapshots are read
// from their files again here, as they are needed: the loader only checked them.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "load/folder_file_reader.h"
#include "load/model.h"
#include "schema/from_snapshot.h"
#include "schema/model.h"
#include "schema/snapshot_v1_state.h"

namespace miglint::schema::v1 {

class Reconstruction {
 public:
  Reconstruction(const Folder& folder, Dialect dialect);

  // The model of the snapshot's own state; a problem when it cannot be reconstructed.
  SnapshotModel model_of(const Snapshot& snapshot);
  // The model of the state generate diffed against when it wrote the snapshot's migration.
  SnapshotModel model_before(const Snapshot& snapshot);
  // Lets go of the states only `snapshot` still needed (its first parent's, once every child
  // of that parent has been asked for), so that a long folder keeps a few states, not all.
  void done_with(const Snapshot& snapshot);

 private:
  struct Built {
    std::optional<State> state;
    std::string problem;
  };
  const Built& state_of(const std::string& id);
  Built starting_state(const std::vector<Located<std::string>>& parents);
  // Ids reachable through prevIds from `ids`, the origin and `known` left out (historyOf).
  std::vector<std::string> history_of(const std::vector<std::string>& ids, const std::vector<std::string>& known) const;
  // Why not, when the other branches' changes cannot be applied.
  std::string apply_other_parents(State& state, const std::vector<Located<std::string>>& parents);
  // The snapshot's rows, read from its file into a document they keep, for states that point into
  // them; null and `problem` set when the file cannot be read as the loader read it.
  const SnapshotRows* kept_rows(const Snapshot& s, std::string& problem);
  // The rows of the snapshot's file, parsed into `keep_in`, else into parser_ (valid until its next
  // parse); nothing and `problem` set when the file cannot be read as the loader read it.
  std::optional<SnapshotRows> read_rows(const Snapshot& s, simdjson::dom::document* keep_in, std::string& problem);

  const Folder& folder_;
  Dialect dialect_;
  std::vector<const Snapshot*> ordered_;          // the folder's snapshots with rows, in folder order
  std::map<std::string, const Snapshot*> by_id_;  // the first snapshot of each id
  std::map<std::string, Built> built_;
  std::map<std::string, std::size_t> children_left_;  // first-parent children not yet done
  std::map<const Snapshot*, std::shared_ptr<const SnapshotRows>> kept_;
  FolderFileReader reader_;
  simdjson::dom::parser parser_;  // for models read straight from a file's parse
};

}  // namespace miglint::schema::v1
