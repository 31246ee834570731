#include "core/js_number_to_string.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace miglint {

std::string js_number_to_string(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";  // -0 too
  // The shortest digits that read back as the same double, and the decimal exponent.
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  if (ec != std::errc()) return "NaN";  // cannot happen: the buffer is large enough
  std::string scientific(buf, end);  // d[.ddd]e±XX
  const std::size_t e = scientific.find('e');
  std::string digits = scientific.substr(0, e);
  if (digits.size() > 1) digits.erase(1, 1);  // drop the '.'
  const int k = static_cast<int>(digits.size());
  const int n = std::atoi(scientific.c_str() + e + 1) + 1;  // the point sits after n digits
  std::string out = value < 0 ? "-" : "";
  // ECMA-262 Number::toString: plain notation for 1e-7 < |x| < 1e21, else exponential.
  if (k <= n && n <= 21) {
    out += digits + std::string(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += n - 1 >= 0 ? "e+" : "e-";
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

}  // namespace miglint
