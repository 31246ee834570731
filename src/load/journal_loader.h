// Parses meta/_journal.json into the model, keeping every problem as data.
#pragma once

#include <string>

#include "load/model.h"

namespace miglint {

// bytes: the file's content; display_path: how users see its path.
Journal parse_journal(std::string display_path, std::string bytes);

}  // namespace miglint
