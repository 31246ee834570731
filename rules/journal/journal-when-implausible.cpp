#include <chrono>
#include <cmath>

#include <fmt/core.h>

#include "core/utc_time.h"
#include "engine/rule_api.h"

namespace miglint {

namespace {

constexpr double kEarliest = 1.0e12;           // 2001-09-09: anything smaller is seconds or a typo
constexpr double kLatest = 4102444800000.0;    // 2100-01-01
constexpr double kFutureSlack = 10 * 60 * 1000;  // clock skew between machines

double now_ms() {
  using namespace std::chrono;
  return static_cast<double>(duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count());
}

}  // namespace

void check_journal_when_implausible(const Context& ctx, Reporter& out) {
  const double now = now_ms();
  for (const JournalEntry& e : ctx.folder.journal.entries) {
    if (!e.when) continue;
    double w = e.when->value;
    std::string problem;
    std::string help =
        "when must be the generation time in milliseconds since 1970 (what Date.now() returns). Use the time the "
        "migration was written.";
    if (w != std::floor(w)) {
      problem = "is not a whole number of milliseconds";
    } else if (w < kEarliest) {
      problem = w >= 1.0e9 && w < 1.0e10
                    ? fmt::format("looks like seconds, not milliseconds ({} if seconds)", utc_text(w * 1000))
                    : "is not a plausible time in milliseconds";
    } else if (w > kLatest) {
      problem = w >= 1.0e15 && w < 1.0e17
                    ? fmt::format("looks like microseconds, not milliseconds ({} if microseconds)", utc_text(w / 1000))
                    : "is not a plausible time in milliseconds (after the year 2100)";
    } else if (w > now + kFutureSlack && ctx.folder.migrator == Migrator::Drizzle) {  // only drizzle's watermark minds
      problem = fmt::format("lies in the future ({})", utc_text(w));
      help = fmt::format("A future when raises the migrator's watermark: once this entry is applied, every migration "
                         "generated before {} is silently skipped. Set it to the time the migration was written.",
                         utc_text(w));
    } else {
      continue;
    }
    Finding& f = out.report(e.when->where, fmt::format("the when of entry {} {}", e.position, problem));
    f.help = help;
    if (e.tag) f.migration = e.tag->value;
  }
}

}  // namespace miglint
