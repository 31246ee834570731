// A finding is what a rule reports and what every renderer prints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/severity.h"

namespace miglint {

// 1-based line and column; columns count Unicode code points.
struct Position {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

struct Location {
  std::string file;        // as shown to users: relative to the working directory, '/' separators
  Position begin;
  Position end;            // exclusive
  std::string json_pointer;  // set when the finding is about a JSON value
  std::string excerpt;     // the source line at begin.line, when known
  // Set while begin/end are not known yet: the file, relative to its folder, in which
  // json_pointer is to be found. Large files are not kept in memory, so the engine
  // places the few findings that need it after the rules ran (see resolve_locations).
  std::string pending_file;
};

// One schema object that differs between two views of the schema (snapshot, SQL, database), as
// data for the renderers that carry data (json).
struct ObjectDifference {
  std::string change;  // "missing", "extra" or "changed": in the second view, relative to the first
  std::string kind;    // "table", "column", "index", "enum", ...
  std::string object;  // e.g. public.users.email
  std::string field;   // changed only: what differs, e.g. "type"
  std::string expected;  // changed only: the first view's value
  std::string actual;    // changed only: the second view's value
};

struct Finding {
  std::string_view rule;   // stamped by the engine; points into the rule table
  Severity severity = Severity::Error;
  std::string message;
  std::string help;
  std::string migration;   // tag of the migration concerned, if any
  Location location;
  std::vector<ObjectDifference> objects;  // schema rules: what differs, object by object
  std::size_t left_out = 0;  // a summary of this many findings of its rule not shown (core/finding_cap.h)
};

}  // namespace miglint
