// The schema history gives the same steps whichever way it gets the snapshots' models: kept by the
// loader for the whole run, or read by the history itself one at a time and let go (as it does
// past the loader's budget, on folders whose snapshots hold many versions of big tables).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "load/folder_loader.h"
#include "schema/history.h"
#include "support/run.h"

namespace miglint::schema {
namespace {

namespace fs = std::filesystem;

// What a step shows the rules, as text: the migration, the snapshot it was compared with, and
// every difference.
std::vector<std::string> steps_of(const Folder& folder) {
  const auto history = SchemaHistory::build(folder);
  std::vector<std::string> out;
  for (const MigrationSchemas& step : history->steps()) {
    std::string line = step.migration->name.value_or("?") + " <- " + (step.compared_with ? step.compared_with->file_name : "-");
    for (const Difference& d : step.differences) line += "\n  " + describe(d);
    out.push_back(std::move(line));
  }
  return out;
}

Folder load(const fs::path& path, LoadScope scope) {
  auto loaded = load_folder(path, "drizzle", std::nullopt, scope);
  return std::move(std::get<Folder>(loaded));
}

TEST(SchemaHistoryModels, ReadOneAtATimeTheyGiveTheLoadersSteps) {
  std::size_t folders = 0, differences = 0;
  for (const auto& entry : fs::recursive_directory_iterator(miglint::test::corpus_dir())) {
    if (entry.path().filename() != "_journal.json") continue;
    const fs::path path = entry.path().parent_path().parent_path();
    const Folder kept = load(path, LoadScope::EverythingWithSchemas);
    const Folder read_later = load(path, LoadScope::EverythingAndParsedSql);
    if (!kept.dialect() || (*kept.dialect() != Dialect::PostgreSQL && *kept.dialect() != Dialect::SQLite)) continue;
    ASSERT_FALSE(read_later.snapshots.empty()) << path;
    EXPECT_EQ(read_later.snapshots.front().schema, nullptr) << "the loader was not to model " << path;
    const std::vector<std::string> expected = steps_of(kept);
    EXPECT_EQ(steps_of(read_later), expected) << path;
    ++folders;
    for (const std::string& step : expected) differences += step.find('\n') != std::string::npos;
  }
  // Not vacuous: the corpus's folders have snapshots their SQL does not give.
  EXPECT_GE(folders, 5u);
  EXPECT_GT(differences, 0u);
}

}  // namespace
}  // namespace miglint::schema
