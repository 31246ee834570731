// The Drizzle Kit 1.0 layout (one folder per migration), recognised but not checked yet.
#pragma once

#include "load/layout.h"

namespace miglint::drizzle_kit_1 {

const FolderLayout& layout();

}  // namespace miglint::drizzle_kit_1
