// What the loader makes of a migrations folder. Rules read only this model:
// every problem met while loading is kept here as data, never thrown.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/boxed_optional.h"
#include "core/finding.h"
#include "core/text_file.h"
#include "load/dialect.h"
#include "load/migrator.h"
#include "load/safe_read.h"
#include "load/sqlite_driver.h"
#include "sql/analysis.h"

namespace miglint::schema {
struct SharedSnapshotModel;  // schema/from_snapshot.h
}

namespace miglint {

// Something wrong with a file's bytes or structure, already placed in the file.
struct Problem {
  std::string message;
  Location where;
};

template <class T>
struct Located {
  T value;
  Location where;
};

struct JournalEntry {
  std::size_t position = 0;  // index in the entries array
  Location where;            // the entry as a whole: its tag when present, else its opening brace
  // Boxed: a journal may hold a million entries, most fields present or none (a Location is
  // about 200 bytes).
  BoxedOptional<Located<std::int64_t>> idx;
  BoxedOptional<Located<double>> when;  // JavaScript numbers are doubles; see when_is_integer
  BoxedOptional<Located<std::string>> tag;
  BoxedOptional<Located<std::string>> version;
  BoxedOptional<Located<bool>> breakpoints;
  // The tag's prefix (before the first '_'), which names its snapshot file.
  std::string tag_prefix() const;
  std::string snapshot_file_name() const;  // the 0.x layout's name for it (layout_v0.cpp)
};

struct Journal {
  bool present = false;
  bool entries_read = false;   // the entries array was found and read (entries may still have problems)
  TextFile file;               // display path is set even when the file is absent
  std::optional<Problem> unreadable;
  // Invalid JSON, wrong shapes and types: the first kFindingsShownPerFile (core/finding_cap.h), in
  // the order met; past them only the first is kept and the rest counted, since no report shows
  // them (a journal of a million empty entries has four million).
  std::vector<Problem> problems;
  std::optional<Problem> first_problem_left_out;
  std::size_t problems_left_out = 0;  // including the first
  std::optional<Located<std::string>> version;
  std::optional<Located<std::string>> dialect;
  std::vector<JournalEntry> entries;
  Location whole() const;      // line 1 of the file, for findings about the journal itself
};

struct Snapshot {
  std::string file_name;       // e.g. 0003_snapshot.json
  std::string prefix;          // e.g. 0003
  std::string relative_path;   // inside the folder, e.g. meta/0003_snapshot.json
  std::string display_path;
  std::optional<Problem> unreadable;     // not read at all (not a file, outside the folder, I/O error)
  std::optional<Problem> invalid_json;   // read, but not JSON
  std::optional<Problem> schema_violation;  // JSON, but drizzle-kit's validation rejects it
  std::optional<Located<std::string>> id;
  std::optional<Located<std::string>> prev_id;
  std::optional<Located<std::string>> version;  // numbers are kept as their text
  std::optional<Located<std::string>> dialect;
  // 1.0 only (load/snapshot_v1.cpp): the parents' ids (prevIds), and PostgreSQL's "base" or "diff".
  std::vector<Located<std::string>> prev_ids;
  std::optional<Located<std::string>> kind;
  std::optional<int> latest_version;  // the version drizzle-kit 1.0 writes for its dialect, when it knows the dialect
  // Its schema model, made from the loader's parse when a rule reads schemas and the loader's
  // models are within their budget (the schema history makes it otherwise, for the time it needs
  // it); nothing when the file is not JSON.
  std::shared_ptr<const schema::SharedSnapshotModel> schema;
  // 1.0 only: it passes drizzle-kit 1.0's checks and its ddl or deltas are entries the schema
  // model reads. The schema history reads them from the file when it needs them (schema/history_v1.h).
  bool v1_rows_readable = false;
  Location whole() const;
};

struct SqlFile {
  std::string file_name;       // e.g. 0003_tag.sql
  std::string tag;             // file name without .sql
  std::string relative_path;   // inside the folder, e.g. 0003_tag.sql
  TextFile file;
  std::optional<Problem> unreadable;
  SqlFlavor flavor = SqlFlavor::Postgres;

  // Chunks as the runtime splits them, parsed where PostgreSQL: computed on first use, so that
  // runs without SQL rules never parse.
  const SqlAnalysis& sql() const;
  // Quick test before sql(): does the file hold a suppression comment at all?
  bool mentions_suppressions() const { return file.bytes().find("miglint-ignore") != std::string::npos; }

 private:
  mutable std::optional<SqlAnalysis> analysis_;
};

// A name in meta/ that drizzle-kit would read as a snapshot but that is not one.
struct StrayMetaFile {
  std::string file_name;
  std::string display_path;
  bool is_directory = false;
};

// An entry at the top level of a Drizzle Kit 1.0 folder, as its migrator lists it: every name, since
// the migrator takes any one holding a migration.sql and silently passes over the rest.
struct FolderEntry {
  std::string name;
  std::string display_path;
  bool is_directory = false;     // a directory, or a symbolic link to one
  bool is_symlink = false;
  std::optional<std::string> unreadable;  // why miglint does not read it (a link out of the folder, no permission)
  bool has_sql = false;          // holds migration.sql: the migrator applies it
  bool has_snapshot = false;     // holds snapshot.json: drizzle-kit generate reads it
  std::vector<std::string> other_files;  // names inside besides those two, sorted
  Location where() const;
};

// One migration as the migrator applies it. The pointers point into the Folder that holds it.
// Rules that judge migrations rather than the journal read these, so that every layout feeds them.
struct Migration {
  std::optional<std::string> name;      // the journal tag (0.x; nothing when the entry has none) or the migration's folder name (1.0)
  std::optional<double> when;           // the folderMillis the migrator records
  const SqlFile* sql = nullptr;         // nothing when missing or named unsafely
  const Snapshot* snapshot = nullptr;   // nothing when missing or named unsafely
  const JournalEntry* entry = nullptr;  // 0.x only
  Location where;                       // where findings about the migration as a whole point
};

// The folder layouts miglint knows (load/layout.h), as bits: a rule lists those it judges (RuleInfo::layouts).
enum class Layout : unsigned {
  DrizzleKit0 = 1u << 0,  // meta/_journal.json, NNNN_tag.sql, meta/NNNN_snapshot.json
  DrizzleKit1 = 1u << 1,  // one folder per migration, with migration.sql and snapshot.json
};

// Move-only: migrations point into the vectors below, which a move keeps but a copy would not.
struct Folder {
  Folder() = default;
  Folder(Folder&&) = default;
  Folder& operator=(Folder&&) = default;
  Folder(const Folder&) = delete;
  Folder& operator=(const Folder&) = delete;

  std::filesystem::path path;  // absolute
  std::string display_path;    // relative to the working directory
  std::optional<Dialect> requested_dialect;  // --dialect or config
  Migrator migrator = Migrator::Drizzle;     // --migrator or config: what runs the migrations
  SqliteDriver sqlite_driver = SqliteDriver::Unknown;  // --driver, .miglint.toml or drizzle.config
  bool target_v1 = false;  // --target 1.0: the upgrade rules judge what drizzle-kit up makes of it
  Layout layout = Layout::DrizzleKit0;        // the layout the loader found
  Journal journal;
  std::vector<Snapshot> snapshots;  // every meta/*_snapshot.json, sorted by file name
  // Every SQL file the layout lists (0.x: every *.sql at the top level), a migration's or not,
  // sorted by file name: rules that judge a file's text read these, orphans included.
  std::vector<SqlFile> sql_files;
  std::vector<StrayMetaFile> stray_meta_files;
  std::vector<FolderEntry> entries;  // 1.0 only: the top level, sorted by name
  std::vector<Migration> migrations;  // in the order the migrator applies them, built by the layout
  const FileOverlay* overlay = nullptr;  // unsaved editor contents that replace files on disk

  const Snapshot* snapshot_named(const std::string& file_name) const;
  const SqlFile* sql_named(const std::string& file_name) const;
  // The SQL files of migrations, which migrate runs, in file name order: sql_files without the
  // orphans. Every SQL file when the journal could not be read, since nothing tells them apart then.
  std::vector<const SqlFile*> sql_files_of_migrations() const;
  // The files an entry names; nothing when absent or when its tag is unsafe to use as a name.
  const Snapshot* snapshot_of(const JournalEntry& entry) const;
  const SqlFile* sql_of(const JournalEntry& entry) const;
  // The tag of the first entry whose snapshot this is, or "".
  std::string tag_of(const Snapshot& snapshot) const;
  // Analyses every SQL file now (sql() would do it one file at a time, later), on up to two threads.
  void analyze_sql_files() const;
  // The dialect to judge by: requested, else the journal's, else the snapshots' majority.
  std::optional<Dialect> dialect() const;
  std::string display_file(const std::string& relative) const;
};

// A tag that is a plain file name inside the folder: not empty, no separators, no "..", no NUL.
bool tag_is_safe(std::string_view tag);

inline constexpr const char* kOriginId = "00000000-0000-0000-0000-000000000000";

}  // namespace miglint
