#include "schema/replay.h"

namespace miglint::schema {

ReplayResult replay(Schema before, const SqlFile& sql, Dialect dialect) {
  return dialect == Dialect::PostgreSQL ? replay_postgres(std::move(before), sql) : replay_sqlite(before, sql);
}

}  // namespace miglint::schema
