// How two schema models differ, object by object, as data: rules turn it into findings.
#pragma once

#include <string>
#include <vector>

#include "schema/model.h"

namespace miglint::schema {

struct Difference {
  enum class Kind { Missing, Extra, Changed };  // missing from / extra in `actual`, relative to `expected`
  Kind kind;
  std::string object_kind;  // "table", "column", "index", "foreign key", "unique constraint", "check constraint",
                            // "primary key", "enum", "sequence", "view", "policy", "schema", "row level security"
  std::string object;       // display name, e.g. public.users.email, or public.users for a table
  std::string field;        // Changed only: "type", "not null", "default", "values", "columns", ...
  std::string expected;     // Changed only: both values as text
  std::string actual;
  friend bool operator==(const Difference&, const Difference&) = default;
};

struct CompareOptions {
  // Compare constraint and index names (false when one side cannot know them, e.g. a catalog's
  // primary key named by PostgreSQL against a snapshot's column flag).
  bool names = true;
};

// Ordered by object (schemas, enums, sequences, tables, then each table's parts), never reporting
// anything marked unknown on either side.
std::vector<Difference> compare(const Schema& expected, const Schema& actual, const CompareOptions& options = {});

// "column public.users.email: type text here, character varying(255) there"-style text.
std::string describe(const Difference& d);

}  // namespace miglint::schema
