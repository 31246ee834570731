#include "upgrade_plan.h"

#include <chrono>
#include <cmath>

#include <fmt/core.h>

namespace miglint::upgrade {

namespace {

// JavaScript's Date holds times within 8.64e15 ms of 1970.
constexpr double kDateLimitMs = 8.64e15;

long long floor_div(long long a, long long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

}  // namespace

std::optional<std::string> folder_time(double when) {
  // up names the folder after `new Date(when)`, and after the current time when `when` is 0.
  if (!std::isfinite(when) || when == 0 || std::fabs(when) > kDateLimitMs) return std::nullopt;
  const auto ms = static_cast<long long>(std::trunc(when));
  const long long seconds = floor_div(ms, 1000);
  const long long days = floor_div(seconds, 86400);
  const long long in_day = seconds - days * 86400;
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  return fmt::format("{}{:02}{:02}{:02}{:02}{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), in_day / 3600, in_day % 3600 / 60, in_day % 60);
}

Plan plan(const Folder& folder) {
  Plan out;
  out.postgres = folder.dialect() == Dialect::PostgreSQL;
  for (const JournalEntry& entry : folder.journal.entries) {
    if (!entry.tag || !tag_is_safe(entry.tag->value)) continue;
    Move m;
    m.entry = &entry;
    m.tag = entry.tag->value;
    m.prefix = entry.tag_prefix();
    const std::string rest = m.prefix.size() < m.tag.size() ? m.tag.substr(m.prefix.size() + 1) : "";
    if (entry.when) {
      if (auto time = folder_time(entry.when->value)) {
        m.folder = fmt::format("{}_{}", *time, rest);
        m.second = static_cast<long long>(std::floor(entry.when->value / 1000));
      }
    }
    m.snapshot = folder.snapshot_of(entry);  // up looks for the same meta/<prefix>_snapshot.json
    m.sql = folder.sql_of(entry);
    if (!m.sql) {
      for (const SqlFile& file : folder.sql_files) {
        if (file.file_name.starts_with(m.prefix + "_")) m.candidates.push_back(&file);
      }
      if (m.candidates.size() == 1) {
        m.sql = m.candidates.front();
        m.sql_adopted = true;
        m.candidates.clear();
      }
    }
    out.moves.push_back(std::move(m));
  }
  return out;
}

const Move* move_with_snapshot_id(const Plan& plan, const std::string& id) {
  for (const Move& m : plan.moves) {
    if (m.snapshot && m.snapshot->id && m.snapshot->id->value == id) return &m;
  }
  return nullptr;
}

}  // namespace miglint::upgrade
