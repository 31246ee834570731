// A journal `when` (milliseconds since 1970) as people read it, in UTC. Portable (std::chrono's
// calendar), where gmtime_r is POSIX only.
#pragma once

#include <string>

namespace miglint {

// "2024-03-01 09:30:00 UTC"; whole seconds, truncated. For times from 1970 on.
std::string utc_text(double when_ms);

}  // namespace miglint
