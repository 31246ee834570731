// `miglint lsp`: a Language Server over stdio that lints migrations folders on open,
// change and save, with the editor's unsaved contents.
#pragma once

#include <istream>
#include <ostream>

namespace miglint {

// Serves one client until it sends `exit`; returns the process exit code (0 after shutdown).
int run_lsp(std::istream& in, std::ostream& out);

}  // namespace miglint
