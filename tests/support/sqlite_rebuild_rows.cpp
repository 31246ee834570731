#include "support/sqlite_rebuild_rows.h"

#include <regex>

#include "support/run.h"

namespace miglint::test {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path& sqlite_rebuild_folder() {
  static const fs::path folder = fixtures_dir() / "generated" / "sqlite-rebuild" / "drizzle";
  return folder;
}

std::string sqlite_rebuild_rows(const std::string& leave_empty) {
  const std::string all =
      "INSERT INTO teams VALUES (1, 'core'), (2, 'ops');\n"
      "INSERT INTO members VALUES (1, 1, 'ann'), (2, 2, 'bob');\n"
      "INSERT INTO projects VALUES (1, 1, 'api'), (2, NULL, 'misc');\n"
      "INSERT INTO labels VALUES (1, 'bug', NULL);\n"
      "INSERT INTO label_uses VALUES (1, 1, 1);\n"
      "INSERT INTO notes VALUES (1, 'hello');\n";
  std::string rows;
  for (std::size_t at = 0, end; at < all.size(); at = end + 1) {
    end = all.find('\n', at);
    const std::string line = all.substr(at, end - at + 1);
    if (leave_empty.empty() || line.find("INTO " + leave_empty + " ") == std::string::npos) rows += line;
  }
  return rows;
}

fs::path first_rebuild_migrations(std::size_t count, const fs::path& to) {
  copy_tree(sqlite_rebuild_folder(), to);
  json journal = json::parse(read_file(to / "meta/_journal.json"));
  json& entries = journal["entries"];
  while (entries.size() > count) {
    const std::string tag = entries.back()["tag"];
    fs::remove(to / (tag + ".sql"));
    fs::remove(to / "meta" / (tag.substr(0, 4) + "_snapshot.json"));
    entries.erase(entries.size() - 1);
  }
  write_file(to / "meta/_journal.json", journal.dump(2));
  return to;
}

void wrap_migration(const fs::path& folder, const std::string& prefix, const std::string& before,
                    const std::string& after) {
  for (const fs::directory_entry& e : fs::directory_iterator(folder)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(prefix) || e.path().extension() != ".sql") continue;
    const std::string breakpoint = "--> statement-breakpoint\n";
    write_file(e.path(), before + read_file(e.path()) + (after.empty() ? "" : breakpoint + after));
  }
}

std::set<std::string> changed_tables(const json& before, const json& after) {
  std::set<std::string> out;
  for (const auto& [table, rows] : before.items()) {
    if (!after.contains(table) || after[table] != rows) out.insert(table);
  }
  return out;
}

RebuildFindings rebuild_findings(const fs::path& folder, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--format", "json", "--select",
                                   "sqlite-rebuild-deletes-rows,sqlite-rebuild-blocked-by-foreign-key"};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back(folder.string());
  RunResult r = run_miglint(args);
  RebuildFindings out;
  const json report = json::parse(r.out);
  const std::regex quoted("`([a-z_]+)`");
  for (const json& f : report["findings"]) {
    const std::string message = f["message"];
    out.messages.push_back(message);
    out.helps.push_back(f.contains("help") && f["help"].is_string() ? f["help"].get<std::string>() : "");
    const std::string consequence = message.substr(0, message.find(": DROP TABLE"));
    const std::string dropped = message.substr(message.find(": DROP TABLE `") + 14);
    std::set<std::string>& into = f["rule"] == "sqlite-rebuild-deletes-rows" ? out.harmed : out.blocking;
    for (std::sregex_iterator m(consequence.begin(), consequence.end(), quoted), end; m != end; ++m) {
      if ((*m)[1] != dropped.substr(0, dropped.find('`'))) into.insert((*m)[1]);
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace miglint::test
