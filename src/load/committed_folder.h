// A migrations folder as a git commit holds it (--since REF): the migrations committed there are
// history, judged only for what a change did to them. Read with git itself (ls-tree, cat-file),
// never by checking anything out: the user's repository is only read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "load/model.h"

namespace miglint {

struct CommittedFolder {
  std::string ref;          // as the user named it
  std::string commit;       // the commit it names; empty when the repository has no commit yet
  bool existed = false;     // the folder was in that commit (else every migration is new)
  std::string path_at_ref;  // the folder's path in the repository at REF ("." for its root)
  bool renamed = false;     // the folder was at another path at REF (path_at_ref says which)
  Journal journal;          // meta/_journal.json at REF (present is false when there was none)
  std::map<std::string, std::string, std::less<>> sql_files;  // .sql files at REF: path in the folder -> bytes
  // Drizzle Kit 1.0: the top-level folders that held a migration.sql at REF (the migrations the
  // 1.0 migrator applied from that commit), sorted by name.
  std::vector<std::string> migration_folders;

  // The bytes a SQL file of the folder had at REF, or nothing.
  const std::string* sql_at_ref(std::string_view relative_path) const;
  // The journal entry of that tag at REF, or nothing.
  const JournalEntry* entry_at_ref(std::string_view tag) const;
  // Whether a 1.0 migration of that name (its folder with a migration.sql) was committed at REF.
  bool migration_folder_at_ref(std::string_view name) const;
};

// Whether a SQL file still holds what REF held. Line endings do not count: with core.autocrlf git
// writes CRLF to the work tree and commits LF, and the statements are the same.
bool same_sql(std::string_view at_ref, std::string_view now);

// Reads what REF holds of the loaded folder; the error says what is wrong and how to fix it.
std::variant<CommittedFolder, std::string> read_committed_folder(const Folder& folder, const std::string& ref);

// The migrations of the folder that are history: committed at REF with the same SQL. A 0.x
// migration also needs its journal entry at REF (an old orphan file newly listed is new).
std::vector<const Migration*> history_migrations(const Folder& folder, const CommittedFolder& committed);

}  // namespace miglint
