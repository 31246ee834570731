#include <algorithm>

#include <fmt/core.h>

#include "engine/rule_api.h"

namespace miglint {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Why the name's first 14 characters are not a real YYYYMMDDHHMMSS date, or "".
std::string why_not_a_date(const std::string& name) {
  if (name.size() < 14 || !std::all_of(name.begin(), name.begin() + 14, [](char c) { return c >= '0' && c <= '9'; })) {
    return "does not start with 14 digits (YYYYMMDDHHMMSS)";
  }
  auto field = [&](std::size_t at, std::size_t n) { return std::stoi(name.substr(at, n)); };
  const int y = field(0, 4), mo = field(4, 2), d = field(6, 2), h = field(8, 2), mi = field(10, 2), s = field(12, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1970) return fmt::format("starts with the year {}", y);
  if (mo < 1 || mo > 12) return fmt::format("starts with the month {:02}", mo);
  if (d < 1 || d > kDays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0)) return fmt::format("starts with the day {:02} of month {:02}", d, mo);
  if (h > 23 || mi > 59 || s > 59) return fmt::format("starts with the time {:02}:{:02}:{:02}", h, mi, s);
  return "";
}

}  // namespace

void check_folder_name_invalid(const Context& ctx, Reporter& out) {
  for (const Migration& m : ctx.folder.migrations) {
    if (!m.name) continue;
    std::string why = why_not_a_date(*m.name);
    if (why.empty()) continue;
    std::string consequence = m.when ? "the migrator carries the date over into another one"
                                     : "the migrator reads its date as NaN";
    out.report(m.where,
               fmt::format("{} {}: {}, drizzle-kit sorts it by the name alone, and the upgrade of a 0.x migrations "
                           "table cannot match it by time",
                           *m.name, why, consequence),
               *m.name)
        .help = "Name migration folders as drizzle-kit generate does: <YYYYMMDDHHMMSS>_<name>, the UTC time it was made. "
                "Rename only a migration no database has applied yet: the migrator records the name.";
  }
}

}  // namespace miglint
