// A finding is what a rule reports and what every renderer prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

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

struct Finding {
  std::string_view rule;   // stamped by the engine; points into the rule table
  Severity severity = Severity::Error;
  std::string message;
  std::string help;
  std::string migration;   // tag of the migration concerned, if any
  Location location;
};

}  // namespace miglint
