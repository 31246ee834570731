// Numbers printed as JavaScript prints them (String(n)), so that a journal's `when` reads the
// same here as in Node: 1740823203210, 1.5, 1e+308, -0.000001, 1e-7.
#pragma once

#include <string>

namespace miglint {

std::string js_number_to_string(double value);

}  // namespace miglint
