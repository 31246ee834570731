// Where the table a statement touches comes from, as one migrate() run sees it: there before the
// run (made by a migration applied earlier, so it may hold rows that deployed code relies on), or
// made earlier in the same run (the same file, or an earlier pending migration when a database says
// which are pending: one transaction), and whether rows were put in it since. Read from the schema
// history's replay (history.h) of each migration, once per run, for the safety rules.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/model.h"
#include "schema/history.h"

namespace miglint::schema {

// A table as a statement finds it, just before it runs.
struct TableAtStatement {
  enum class Made {
    BeforeRun,  // not made by the run so far: existing tables are there from earlier migrations
    ThisRun,    // made by an earlier statement of the run, and not dropped since
    Unknown,    // the replay could not tell (IF NOT EXISTS on a schema it could not see whole, a
                // statement it did not understand earlier in the run, a file it did not replay)
  };
  Made made = Made::BeforeRun;
  // ThisRun only: rows may have been put in it since (INSERT, COPY, MERGE, CREATE TABLE AS, or a
  // statement whose effect the replay could not follow).
  bool filled = false;

  bool made_this_run() const { return made == Made::ThisRun; }
  // Made this run and nothing put in it: no row can be there.
  bool certainly_empty() const { return made == Made::ThisRun && !filled; }
};

class TableOrigins {
 public:
  // `migrations_in_order`: the SQL files migrate() runs, in its order. `pending`: those a database
  // says the next migrate() runs together, in its order; empty offline, where each file is judged
  // as a run of its own. Files the history did not replay are read from their statements alone.
  static TableOrigins build(const SchemaHistory& history, const std::vector<const SqlFile*>& migrations_in_order,
                            const std::vector<const SqlFile*>& pending);

  // The table `table` (as sql/names.h keys it) just before statement `s` of `sql`.
  TableAtStatement table(const SqlFile& sql, const SqlStatement& s, const std::string& table) const;
  // Column `column` of `table` was made earlier in the run (with its table, by ADD COLUMN, or by a
  // rename of such a column), just before `s`: it holds no one else's data.
  bool column_made_this_run(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                            const std::string& column) const;
  // The replay found column `column` of `table` already there when `s` (an ADD COLUMN, maybe IF
  // NOT EXISTS) would add it. False when it could not tell.
  bool column_already_there(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                            const std::string& column) const;
  // Statements of these two files run in one transaction: the same file, or both pending.
  bool same_run(const SqlFile& earlier, const SqlFile& later) const;
  // `s` changes the type of column `column` of `table` (ALTER COLUMN ... TYPE): the replay's record
  // of it, whose `before` is the type just before (the previous snapshot's, or what the SQL set
  // since). Null when the file was not replayed; `before` empty when the replay did not know it.
  const StatementEffect::TypeChange* type_change(const SqlFile& sql, const SqlStatement& s, const std::string& table,
                                                 const std::string& column) const;

  struct Change {
    std::size_t ordinal;  // of the statement after which it holds
    TableAtStatement table;
  };
  struct ColumnChange {
    std::size_t ordinal;
    bool made_this_run;
  };

 private:
  struct Place {
    std::size_t run = 0;
    std::size_t ordinal = 0;
    const StatementEffect* effect = nullptr;  // the replay's, when the file was replayed
  };
  const Place* place(const SqlFile& sql, const SqlStatement& s) const;

  std::map<const SqlFile*, std::size_t> run_of_;
  std::unordered_map<const SqlStatement*, Place> places_;
  std::map<std::pair<std::size_t, std::string>, std::vector<Change>> tables_;  // (run, table)
  std::map<std::pair<std::size_t, std::string>, std::vector<ColumnChange>> columns_;  // (run, "table\ncolumn")
  // run -> the first statement from which the run may have made tables the replay did not see
  std::map<std::size_t, std::size_t> unknown_from_;
  friend class TableOriginsBuilder;
};

}  // namespace miglint::schema
