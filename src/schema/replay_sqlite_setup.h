// The CREATE statements that rebuild a schema model in an empty SQLite database, for
// replay_sqlite(). Private to replay_sqlite*.cpp.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "schema/model.h"

namespace miglint::schema::sqlite_replay {

struct SetupStatement {
  enum class Kind { Table, Index, View } kind = Kind::Table;
  std::string table;  // the table (of an index: its table; of a view: itself)
  std::string name;
  std::string sql;
  // What to create instead, tried in order, when SQLite refuses `sql` (a model part it cannot
  // take): the object then exists but is marked unknown after the replay. Empty: nothing (an index
  // is left out).
  std::vector<std::string> fallbacks;
};

// The tables and views of `before` a migration whose text names `mentioned` (lower-cased
// identifiers) can touch: those it names, the tables their foreign keys and those views read, and
// so on. The others cannot change, and SQLite need not parse them.
std::set<std::string> reachable(const Schema& before, const std::set<std::string>& mentioned);

// Tables, then indexes, then views, of those named in `objects`.
std::vector<SetupStatement> setup_statements(const Schema& before, const std::set<std::string>& objects);

}  // namespace miglint::schema::sqlite_replay
