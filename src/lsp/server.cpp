#include "lsp/server.h"

namespace miglint {

int run_lsp(std::istream&, std::ostream&) { return 1; }

}  // namespace miglint
