// Snapshot shape validation that mirrors drizzle-kit 0.31.11's zod validators.
//
// drizzle-kit decides "data is malformed" with `validator.safeParse(raw)`, where the
// validator depends on the config dialect (drizzle-kit/src/utils.ts validatorForDialect):
//
//   postgresql          union(pgSchemaV5, pgSchemaV6, pgSchema v7)
//   sqlite, turso       union(sqliteSchemaV5, sqliteSchema v6)
//   mysql               union(mysqlSchemaV5 (with `schemas`), mysqlSchema v5)
//   singlestore         union(singlestoreSchema v1, singlestoreSchema v1)
//
// Where the parts live, in src/load/snapshot_schema/:
//   zod.h, builder.cpp, validator.cpp   a tiny schema language with zod 3's semantics and the
//                                       walk that checks a snapshot against it
//   postgresql_v5_v7.cpp, sqlite_v5_v6.cpp, mysql_v5.cpp (+ mysql_parts.cpp),
//   singlestore_v1.cpp                  one file per dialect's snapshot schemas
//   dialects.cpp                        dialect name -> schema and latest version
//   js_number.cpp                       JS truthiness and Number() for the version pre-check
//   verdict.cpp                         the entry points declared below
// Drizzle Kit 1.0's snapshot schemas (versions 8/9) go in new files there, e.g. postgresql_v8.cpp.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace miglint {

struct SchemaViolation {
  // RFC 6901 pointer to the first offending value, e.g.
  // "/tables/public.users/columns/id/notNull".  For an unknown key it is the pointer of
  // that key's value; for a missing key it is the pointer of the missing member.
  std::string json_pointer;
  // One short sentence for users.
  std::string message;
  // True when the member is absent (so the location is its parent object).
  bool missing = false;
};

// dialect is one of "postgresql", "mysql", "sqlite" (also used for turso; "turso" is
// accepted as an alias), "singlestore".  Returns nothing when drizzle-kit 0.31.11 would
// accept the snapshot (validator.safeParse succeeds).  An unknown dialect is reported
// as a violation at the root pointer "".
std::optional<SchemaViolation> validate_snapshot(simdjson::dom::element root, std::string_view dialect);

// The latest snapshot version drizzle-kit 0.31.11 knows for a dialect: postgresql 7,
// sqlite/turso 6, mysql 5, singlestore 1; 0 for an unknown dialect.
int latest_snapshot_version(std::string_view dialect);

// drizzle-kit's pre-check in validateWithReport:
//   if (raw['version'] && Number(raw['version']) > latest) -> "unsupported version"
// (prints an Info line and exits 0 before validating anything else).  Implements JS
// truthiness and Number() for JSON values (strings are trimmed and parsed as a JS
// StringNumericLiteral, including hex/octal/binary and Infinity; one-element arrays
// convert through their element).
bool snapshot_version_is_unsupported(simdjson::dom::element root, std::string_view dialect);

// Full per-snapshot outcome of drizzle-kit's validateWithReport for one file.
enum class SnapshotVerdict : std::uint8_t {
  ok,           // valid and of the latest version
  malformed,    // "data is malformed"
  non_latest,   // valid but version != latest: "is not of the latest version"
  unsupported,  // version newer than known: "snapshot is of unsupported version"
};
// If `violation` is non-null and the verdict is malformed, it receives the violation.
SnapshotVerdict classify_snapshot(simdjson::dom::element root, std::string_view dialect,
                                  SchemaViolation* violation = nullptr);

}  // namespace miglint
