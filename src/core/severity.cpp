#include "core/severity.h"

namespace miglint {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "info" || name == "note") return Severity::Info;
  if (name == "warning" || name == "warn") return Severity::Warning;
  if (name == "error") return Severity::Error;
  return std::nullopt;
}

}  // namespace miglint
