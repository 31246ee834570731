// Places findings whose position was left pending (values in large files that are
// not kept in memory): reads each such file once more and finds the JSON pointers.
#pragma once

#include <vector>

#include "core/finding.h"
#include "load/model.h"

namespace miglint {

void resolve_locations(const Folder& folder, std::vector<Finding>& findings);

}  // namespace miglint
