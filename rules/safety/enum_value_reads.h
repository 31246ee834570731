// How a statement reads a string constant: as a value of a given enum type, as something else
// (text, another enum), or in a way miglint cannot tell. PostgreSQL checks an enum value only when
// it converts the constant to the enum type: a cast to it, a comparison with or assignment to a
// column of it, a default of such a column. Column types come from the schema replay.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "schema/model.h"

namespace miglint::safety {

enum class EnumRead {
  AsOther,    // every occurrence is read as text or another type: PostgreSQL never checks the value
  Unknown,    // some occurrence is read as a type miglint cannot tell
  AsTheEnum,  // some occurrence is converted to the enum type
};

// The schema just before and just after the migration holding the statement: a column is of the
// enum if either says so (a column made or retyped by the migration is in the second).
struct SchemaAround {
  const schema::Schema* before = nullptr;
  const schema::Schema* after = nullptr;
};

// The canonical spelling (schema::canonical_type) of a TypeName's "names" list, arrays left out.
std::string type_of_names(const nlohmann::json& names);

// How statement `tree` (its kind's object, SqlStatement::parsed()) of kind `kind` reads each
// string constant equal to `value`, `enum_type` being the type's canonical spelling: the strongest
// read of all occurrences, AsOther when there is none.
EnumRead read_of_value(std::string_view kind, const nlohmann::json& tree, const std::string& value,
                       const std::string& enum_type, const SchemaAround& schemas);

}  // namespace miglint::safety
