// Column renames a database keeps no trace of: drizzle-kit push asks whether a column that
// appeared was renamed from one that disappeared, and renames it in place (ALTER TABLE ... RENAME
// COLUMN). Read from two models of one table, for the rules that explain differences.
#pragma once

#include <string>
#include <vector>

#include "schema/model.h"

namespace miglint::schema {

struct ColumnRename {
  QualifiedName table;
  std::string from;
  std::string to;
};

// Columns of a table both models hold (neither side unknown) that one has and the other lacks,
// paired only where the evidence is sure: the same type, nullability, default, identity and
// generation, at the same position among the columns both hold, and no other column that would
// pair with either.
std::vector<ColumnRename> sure_column_renames(const Schema& expected, const Schema& actual);

// `model` with that column renamed as RENAME COLUMN leaves it: the table's keys, constraints and
// index keys that name it, and foreign keys elsewhere that reference it, follow.
Schema with_column_renamed(Schema model, const ColumnRename& rename);

}  // namespace miglint::schema
