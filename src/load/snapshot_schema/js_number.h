// What JavaScript makes of a JSON value in drizzle-kit's version pre-check
// `raw['version'] && Number(raw['version']) > latest`: its truthiness and Number().
#pragma once

#include <simdjson.h>

namespace miglint::schema {

// ECMAScript ToBoolean of a JSON value.
bool js_truthy(simdjson::dom::element value);

// ECMAScript Number(value) of a JSON value: strings are trimmed and parsed as a
// StringNumericLiteral (hex/octal/binary and Infinity included), arrays go through join(",").
double js_number(simdjson::dom::element value);

}  // namespace miglint::schema
