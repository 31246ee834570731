#include "load/discovery.h"

#include <algorithm>

#include <fmt/core.h>

#include "load/drizzle_config.h"
#include "load/layout.h"

namespace miglint {

namespace fs = std::filesystem;

std::string display_path_of(const fs::path& path, const fs::path& cwd) {
  fs::path relative = path.lexically_normal().lexically_relative(cwd);
  std::string shown = relative.empty() ? path.lexically_normal().generic_string() : relative.generic_string();
  if (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  return shown.empty() ? "." : shown;
}

Discovery discover_folders(const std::vector<std::string>& paths, const fs::path& cwd) {
  Discovery d;
  std::vector<fs::path> candidates;
  auto config = find_drizzle_config(cwd);
  if (paths.empty()) {
    if (config && config->out_not_literal) {
      d.errors.push_back(fmt::format("{}: \"out\" is computed, not a string literal, and miglint never runs the "
                                     "config; pass the migrations folder as an argument",
                                     display_path_of(config->file, cwd)));
      return d;
    }
    candidates.push_back(cwd / (config && config->out ? *config->out : "drizzle"));
  } else {
    for (const std::string& p : paths) candidates.push_back(folder_selected_by(fs::path(p).is_absolute() ? fs::path(p) : cwd / p));
  }
  for (const fs::path& c : candidates) {
    fs::path normal = c.lexically_normal();
    std::error_code ec;
    fs::path key = fs::weakly_canonical(normal, ec);
    bool seen = std::any_of(d.folders.begin(), d.folders.end(), [&](const FolderTarget& t) {
      std::error_code ec2;
      return fs::weakly_canonical(t.path, ec2) == key;
    });
    if (seen) continue;
    FolderTarget target{normal, display_path_of(normal, cwd), std::nullopt};
    // drizzle-kit judges snapshots by the config's dialect, so miglint does too for the config's folder.
    if (config && config->out && config->dialect) {
      std::error_code ec2;
      if (fs::weakly_canonical(cwd / *config->out, ec2) == key) {
        target.config_dialect = parse_dialect(*config->dialect);
        const std::string_view driver = config->driver ? *config->driver : *config->dialect;
        target.config_driver = parse_sqlite_driver(driver).value_or(SqliteDriver::Unknown);
      }
    }
    d.folders.push_back(std::move(target));
  }
  std::sort(d.folders.begin(), d.folders.end(),
            [](const FolderTarget& a, const FolderTarget& b) { return a.display_path < b.display_path; });
  return d;
}

}  // namespace miglint
