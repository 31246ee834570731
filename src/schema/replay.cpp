#include "schema/replay.h"

namespace miglint::schema {

ReplayResult replay(const Schema& before, const SqlFile& sql, Dialect dialect) {
  return dialect == Dialect::PostgreSQL ? replay_postgres(before, sql) : replay_sqlite(before, sql);
}

}  // namespace miglint::schema
