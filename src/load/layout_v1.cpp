// The Drizzle Kit 1.0 layout. drizzle-orm 1.0's migrator lists the folder's entries, keeps those
// holding a migration.sql (any other entry is passed over without a word), sorts them by name and
// applies each whose name the database has not recorded; it throws when meta/_journal.json exists.
// drizzle-kit generate reads every <entry>/snapshot.json. miglint lists every entry
// (layout_v1_listing.cpp), so that rules can say what the migrator skips.
#include "load/layout_v1.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "load/layout_v1_listing.h"
#include "load/snapshot_v1.h"

namespace miglint::drizzle_kit_1 {

namespace fs = std::filesystem;

namespace {

bool is_member_name(const fs::path& file) { return file.filename() == kMigrationSql || file.filename() == kSnapshotJson; }

// A directory named as generate names migration folders: 14 digits first.
bool named_like_a_migration(const fs::path& dir) {
  std::string name = dir.filename().string();
  return name.size() >= 14 && std::all_of(name.begin(), name.begin() + 14, [](char c) { return c >= '0' && c <= '9'; });
}

bool holds_a_migration(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / kMigrationSql, ec) || fs::exists(dir / kSnapshotJson, ec);
}

// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// parseInt(text, 10) of a short field: after blanks and one sign, its leading digits, or nothing (NaN).
std::optional<std::int64_t> leading_digits(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && std::isspace(static_cast<unsigned char>(text[n]))) ++n;
  const bool negative = n < text.size() && text[n] == '-';
  if (n < text.size() && (text[n] == '-' || text[n] == '+')) ++n;
  const std::size_t first = n;
  std::int64_t value = 0;
  while (n < text.size() && std::isdigit(static_cast<unsigned char>(text[n]))) value = value * 10 + (text[n++] - '0');
  if (n == first) return std::nullopt;
  return negative ? -value : value;
}

class DrizzleKit1Layout final : public FolderLayout {
 public:
  Layout id() const override { return Layout::DrizzleKit1; }

  bool recognises(const fs::path& folder) const override {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      if (e.is_directory(ec) && e.path().filename() != "meta" && holds_a_migration(e.path())) return true;
    }
    return false;
  }

  bool could_be_member(const fs::path& path) const override { return is_member_name(path); }

  // A migration's own folder, or a file in it, belongs to the folder above.
  std::optional<fs::path> folder_enclosing(const fs::path& path, bool is_directory) const override {
    if (is_directory) {
      if (path.filename() != "meta" && holds_a_migration(path)) return path.parent_path();
      return std::nullopt;
    }
    if (is_member_name(path)) return path.parent_path().parent_path();
    return std::nullopt;
  }

  std::optional<Placement> place(const fs::path& file) const override {
    if (!is_member_name(file)) return std::nullopt;
    fs::path dir = file.parent_path();
    return Placement{dir.parent_path(), dir.filename() / file.filename()};
  }

  std::optional<fs::path> index_file() const override { return std::nullopt; }  // 1.0 has no journal

  // A file's own directory (a stray file at the top level), and the folder above a migration's.
  std::vector<fs::path> folders_changed_by(const fs::path& path) const override {
    std::vector<fs::path> folders{path.parent_path()};
    if (is_member_name(path) || named_like_a_migration(path.parent_path())) folders.push_back(path.parent_path().parent_path());
    return folders;
  }

  std::optional<fs::path> folder_marked_by(const fs::path& path) const override {
    if (!is_member_name(path) || path.parent_path().filename() == "meta") return std::nullopt;
    return path.parent_path().parent_path();
  }

  bool list(Folder& folder) const override { return list_entries(folder); }

  // 1.0 has no index: its snapshots' headers (ids, parents) are what links the migrations.
  void read_index(Folder& folder) const override { load_snapshots(folder.path, folder.snapshots, folder.overlay); }

  // Sorted by name (the migrator's localeCompare agrees with byte order on the 14 digits that
  // start generated names; names sharing one second are a finding of their own).
  std::vector<Migration> migrations(const Folder& folder) const override {
    std::vector<Migration> ordered;
    for (const FolderEntry& entry : folder.entries) {
      if (!entry.has_sql || entry.unreadable || !entry.is_directory) continue;
      Migration m;
      m.name = entry.name;
      m.when = folder_millis(entry.name);
      m.sql = folder.sql_named(entry.name + "/" + std::string(kMigrationSql));
      m.snapshot = entry.has_snapshot ? folder.snapshot_named(entry.name + "/" + std::string(kSnapshotJson)) : nullptr;
      m.where = m.sql ? m.sql->file.location(0, 0) : entry.where();
      ordered.push_back(std::move(m));
    }
    return ordered;
  }

  std::string_view files_looked_for() const override { return "no <name>/migration.sql folders"; }
};

}  // namespace

std::optional<double> folder_millis(std::string_view name) {
  auto field = [&](std::size_t at, std::size_t length) {
    return at < name.size() ? leading_digits(name.substr(at, std::min(length, name.size() - at))) : std::nullopt;
  };
  auto year = field(0, 4), month = field(4, 2), day = field(6, 2), hour = field(8, 2), minute = field(10, 2),
       second = field(12, 2);
  if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
  std::int64_t y = *year <= 99 ? *year + 1900 : *year;  // Date.UTC reads years 0..99 as 1900..1999
  const std::int64_t months = y * 12 + (*month - 1);
  const std::int64_t year_of = months >= 0 ? months / 12 : (months - 11) / 12;  // floor
  const std::int64_t days = days_from_civil(year_of, months - year_of * 12 + 1, 1) + (*day - 1);
  return static_cast<double>((((days * 24 + *hour) * 60 + *minute) * 60 + *second) * 1000);
}

const FolderLayout& layout() {
  static const DrizzleKit1Layout instance;
  return instance;
}

}  // namespace miglint::drizzle_kit_1
