// The schema history gives the same steps whichever way it gets the snapshots' models: kept by the
// loader for the whole run, or read by the history itself one at a time and let go (as it does
// past the loader's budget, on folders whose snapshots hold many versions of big tables).
#include <gtest/gtest.h>

#include <algorithm>
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
std::string step_line(const MigrationSchemas& step) {
  std::string line = step.migration->name.value_or("?") + " <- " + (step.compared_with ? step.compared_with->file_name : "-");
  for (const Difference& d : step.differences) line += "\n  " + describe(d);
  return line;
}

std::vector<std::string> steps_of(const Folder& folder) {
  const auto history = SchemaHistory::build(folder);
  std::vector<std::string> out;
  for (const MigrationSchemas& step : history->steps()) out.push_back(step_line(step));
  return out;
}

Folder load(const fs::path& path, LoadScope scope) {
  auto loaded = load_folder(path, "drizzle", std::nullopt, scope);
  return std::move(std::get<Folder>(loaded));
}

TEST(SchemaHistoryModels, ReadOneAtATimeTheyGiveTheLoadersSteps) {
  // Corpus folders of both dialects the history models, each with snapshots its SQL does not give.
  for (const char* relative : {"lmnr-ai__lmnr/frontend__lib__db__migrations", "onlook-dev__onlook/apps__backend__supabase__migrations",
                               "karakeep-app__karakeep/packages__db__drizzle", "openstatusHQ__openstatus/packages__db__drizzle"}) {
    const fs::path path = miglint::test::corpus_dir() / relative;
    const Folder kept = load(path, LoadScope::EverythingWithSchemas);
    const Folder read_later = load(path, LoadScope::EverythingAndParsedSql);
    ASSERT_FALSE(kept.snapshots.empty()) << path;
    EXPECT_NE(kept.snapshots.back().schema, nullptr) << "the loader was to model " << path;
    EXPECT_EQ(read_later.snapshots.back().schema, nullptr) << "the loader was not to model " << path;
    const std::vector<std::string> expected = steps_of(kept);
    EXPECT_EQ(steps_of(read_later), expected) << path;
    const auto differing = std::count_if(expected.begin(), expected.end(),
                                         [](const std::string& step) { return step.find('\n') != std::string::npos; });
    EXPECT_GT(differing, 0) << "not a test of the differences: " << path;
  }
}

// replay_sql_through keeps its answers and starts the next from the nearest one: asked in any
// order, it answers what replaying the first migrations from an empty database gives.
TEST(SchemaHistoryModels, ReplayThroughAMigrationIsTheSameAskedInAnyOrder) {
  const Folder folder =
      load(miglint::test::corpus_dir() / "karakeep-app__karakeep/packages__db__drizzle", LoadScope::EverythingAndParsedSql);
  const auto history = SchemaHistory::build(folder);
  ASSERT_GT(history->steps().size(), 60u);
  for (std::size_t count : {40u, 10u, 60u, 41u, 10u, 0u}) {
    std::vector<const Migration*> first;
    for (std::size_t i = 0; i < count; ++i) first.push_back(&folder.migrations[i]);
    const Schema fresh = history->replay_sql_of(first);
    const Schema kept = history->replay_sql_through(count);
    EXPECT_EQ(kept.tables.size(), fresh.tables.size()) << count;
    EXPECT_TRUE(compare(fresh, kept).empty() && compare(kept, fresh).empty()) << count;
  }
}

// What a step shows the rules, in full: steps_of's lines with each statement's effect and whether
// a migration without a snapshot changed nothing.
std::vector<std::string> full_steps(const SchemaHistory& history) {
  std::vector<std::string> out;
  for (const MigrationSchemas& step : history.steps()) {
    std::string line = step_line(step);
    if (step.changes_nothing) line += *step.changes_nothing ? "\n  changes nothing" : "\n  changes something";
    for (const StatementEffect& e : step.effects.value_or(std::vector<StatementEffect>{})) {
      line += "\n  @" + std::to_string(e.statement_begin) + (e.fails ? " fails" : "") + (e.understood ? "" : " unknown");
      for (const auto* names : {&e.creates, &e.maybe_created, &e.already_exist, &e.missing}) {
        line += " |";
        for (const std::string& name : *names) line += " " + name;
      }
      for (const StatementEffect::TypeChange& t : e.type_changes) line += " " + t.column + ":" + t.before + ">" + t.after;
    }
    out.push_back(std::move(line));
  }
  return out;
}

// A large PostgreSQL folder's history is built on two threads, the second walking from a snapshot
// near the middle: each step is what one walk through the whole folder gives.
TEST(SchemaHistoryModels, TwoWalksGiveTheStepsOfOne) {
  std::size_t split = 0;
  for (const fs::path& repo : fs::directory_iterator(miglint::test::corpus_dir())) {
    if (!fs::is_directory(repo)) continue;
    for (const fs::path& path : fs::directory_iterator(repo)) {
      if (!fs::is_directory(path)) continue;
      const Folder folder = load(path, LoadScope::EverythingWithSchemas);
      const auto one = SchemaHistory::build(folder, 1);
      const auto two = SchemaHistory::build(folder, 2);
      EXPECT_EQ(one->second_walk_from(), 0u) << path;
      if (two->second_walk_from() > 0) ++split;
      EXPECT_EQ(full_steps(*two), full_steps(*one)) << path;
      ASSERT_EQ(two->unmodelled().size(), one->unmodelled().size()) << path;
      for (std::size_t i = 0; i < one->unmodelled().size(); ++i) {
        EXPECT_EQ(two->unmodelled()[i].snapshot, one->unmodelled()[i].snapshot) << path;
        EXPECT_EQ(two->unmodelled()[i].problem, one->unmodelled()[i].problem) << path;
      }
    }
  }
  // Dokploy's, lmnr's and autumn's are the PostgreSQL folders of 32 migrations or more.
  EXPECT_EQ(split, 3u);
}

}  // namespace
}  // namespace miglint::schema
