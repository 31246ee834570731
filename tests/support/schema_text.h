// A schema model as text, one line per object and part, for assertions a reader can check by eye.
#pragma once

#include <string>

#include "schema/model.h"

namespace miglint::test {

// Lines like "table public.users rls", "  column email character varying(255) not null default ...",
// in the model's (sorted) order.
std::string schema_text(const schema::Schema& s);

}  // namespace miglint::test
