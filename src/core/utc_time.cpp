#include "core/utc_time.h"

#include <chrono>

#include <fmt/core.h>

namespace miglint {

std::string utc_text(double when_ms) {
  using namespace std::chrono;
  const sys_seconds time{seconds{static_cast<long long>(when_ms / 1000)}};
  const sys_days day = floor<days>(time);
  const year_month_day date{day};
  const long long of_day = (time - day).count();
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), of_day / 3600,
                     of_day / 60 % 60, of_day % 60);
}

}  // namespace miglint
