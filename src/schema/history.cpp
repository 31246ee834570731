#include "schema/history.h"

#include <simdjson.h>

#include <algorithm>
#include <map>
#include <optional>
#include <thread>

#include <fmt/core.h>

#include "core/short_run_memory.h"
#include "load/safe_read.h"
#include "schema/from_snapshot.h"
#include "schema/replay.h"
#include "schema/settle.h"
#include "schema/sqlite_drops.h"

namespace miglint::schema {

namespace {

bool replayable(Dialect d) { return d == Dialect::PostgreSQL || d == Dialect::SQLite; }

// The snapshots' models: the loader's when it made them, else read here (a caller that loaded
// without them, a dialect known only once the snapshots were read, or snapshots past the loader's
// budget). Those read here are asked for in migration order and kept only while the history holds
// them: each in a pool of its own, which takes the tables it shares with the previous snapshot's
// from that one, so that the models alive are the last two, not all of them.
class SnapshotModels {
 public:
  SnapshotModels(const Folder& folder, Dialect dialect) : folder_(folder), dialect_(dialect) {}

  // Null when the file cannot be read any more.
  std::shared_ptr<const SharedSnapshotModel> of(const Snapshot& s) {
    if (s.schema && s.schema->dialect == dialect_) {
      previous_ = s.schema->pool;
      return s.schema;
    }
    auto text = read_file_within(folder_.path, folder_.path / s.relative_path, folder_.overlay);
    auto* bytes = std::get_if<std::string>(&text);
    if (!bytes) return nullptr;
    make_room(parser_, bytes->size());
    simdjson::dom::element root;
    if (auto error = parser_.parse(*bytes).get(root)) {
      auto broken = std::make_shared<SharedSnapshotModel>();
      broken->dialect = dialect_;
      broken->problem = fmt::format("the snapshot is not valid JSON ({})", simdjson::error_message(error));
      return broken;
    }
    PartCache parts(std::make_shared<PartPool>(), previous_);
    auto model = std::make_shared<const SharedSnapshotModel>(shared_schema_from_snapshot(root, dialect_, parts));
    if (model->modelled()) previous_ = parts.pool();
    return model;
  }

 private:
  const Folder& folder_;
  Dialect dialect_;
  simdjson::dom::parser parser_;
  std::shared_ptr<const PartPool> previous_;  // the last model's parts
};

using Owners = std::map<const Snapshot*, const Migration*>;

// The migration's own snapshot, when it owns it (a file several migrations name is the last one's)
// and it was read as JSON; else null.
const Snapshot* own_snapshot(const Migration& m, const Owners& owner) {
  const Snapshot* s = m.snapshot;
  return s && owner.at(s) == &m && !s->unreadable && !s->invalid_json ? s : nullptr;
}

// Where a second walk may start (SchemaHistory::build): a migration near the middle, after one whose
// own snapshot the loader modelled. 0: nowhere (or too few migrations to be worth a thread).
std::size_t walk_split(const Folder& folder, const Owners& owner) {
  constexpr std::size_t kFewest = 32;
  const std::size_t count = folder.migrations.size();
  if (count < kFewest || std::thread::hardware_concurrency() < 2) return 0;
  for (std::size_t distance = 0; distance < count / 4; ++distance) {
    for (const std::size_t split : {count / 2 + distance, count / 2 - distance}) {
      const Snapshot* s = own_snapshot(folder.migrations[split - 1], owner);
      if (s && s->schema && s->schema->dialect == *folder.dialect() && s->schema->modelled()) {
        return split;
      }
    }
  }
  return 0;
}

// The room replay_sql_through's answers met by the build may take: a SQLite folder's schema of a
// few dozen tables takes tens of kilobytes, so a folder of hundreds of migrations keeps them all.
constexpr std::size_t kReplayedByBuildBudget = 8u * 1024u * 1024u;

std::size_t approximate_schema_bytes(const Schema& schema) {
  std::size_t bytes = sizeof(Schema);
  for (const auto& entry : schema.tables) bytes += approximate_bytes(entry.second);
  return bytes;
}

}  // namespace

std::unique_ptr<SchemaHistory> SchemaHistory::build(const Folder& folder, unsigned threads) {
  auto history = std::make_unique<SchemaHistory>();
  history->folder_ = &folder;
  const std::optional<Dialect> dialect = folder.dialect();
  if (!dialect || !replayable(*dialect)) return history;
  history->modelled_ = true;
  if (folder.layout == Layout::DrizzleKit1) {
    history->build_v1(folder, *dialect);
    return history;
  }
  // A snapshot file several migrations name (tags sharing a prefix, prefix mode "none") holds the
  // last generate's schema: it is the last of them's only (journal-tag-duplicate reports the rest).
  Owners owner;
  for (const Migration& m : folder.migrations) {
    if (m.snapshot) owner[m.snapshot] = &m;
  }
  // What the walk through the migrations carries from one to the next.
  struct Walk {
    Walk(const Folder& folder, Dialect dialect) : models(folder, dialect) {}
    SnapshotModels models;
    // What the next migration's SQL is replayed on: the previous snapshot's model, or where it is
    // missing the previous replay's result; nothing when neither is known.
    std::optional<Schema> before = Schema{};
    std::shared_ptr<const SharedSnapshotModel> latest;  // the latest snapshot modelled so far
    const Snapshot* latest_file = nullptr;
    // `before` is the SQL of the migrations so far replayed from an empty database (what
    // replay_sql_through answers) until a snapshot's model stands in for it.
    // Only SQLite's drop checks ask for these (sqlite_drops.h), so other dialects keep none.
    bool before_is_replay = false;
    // `before` is the previous snapshot's model, or that model with the SQL of the migrations since
    // (none with a snapshot) replayed in full: a schema known for certain.
    bool before_is_known = false;
    std::size_t replayed_bytes = 0;
    std::vector<UnmodelledSnapshot> unmodelled;
  };
  history->steps_.resize(folder.migrations.size());
  auto step_through = [&](Walk& walk, std::size_t index) {
    const Migration& m = folder.migrations[index];
    MigrationSchemas& step = history->steps_[index];
    step.migration = &m;
    // Kept where it is asked for: before each SQLite migration that drops a table, whose drops are
    // judged on that schema (sqlite_drops.h).
    if (walk.before_is_replay && walk.before && index > 0 && m.sql && !m.sql->unreadable && mentions_drop_table(*m.sql)) {
      walk.replayed_bytes += approximate_schema_bytes(*walk.before);
      if (walk.replayed_bytes <= kReplayedByBuildBudget) history->replayed_through_.push_back({index, *walk.before, false});
    }
    std::shared_ptr<const SharedSnapshotModel> own;
    if (const Snapshot* snapshot = own_snapshot(m, owner)) {
      own = walk.models.of(*snapshot);
      if (own && !own->modelled()) {
        walk.unmodelled.push_back({m.snapshot, own->problem});
        own = nullptr;
      }
    }
    // A migration without a snapshot, after a known schema: what its SQL changes there.
    const bool before_was_known = walk.before_is_known;
    std::optional<Schema> known_before;
    if (!own && m.sql && walk.before && before_was_known) known_before = *walk.before;
    std::optional<Schema> after;
    if (walk.before && m.sql && !m.sql->unreadable) {
      ReplayResult replayed = replay(std::move(*walk.before), *m.sql, *dialect);
      after = std::move(replayed.after);
      step.effects = std::move(replayed.effects);
    }
    if (known_before && after && step.effects) {
      step.changes_nothing = leaves_as_it_was(std::move(*known_before), *after, *step.effects);
    }
    walk.before.reset();
    walk.before_is_known = static_cast<bool>(own);
    if (own) {
      walk.before_is_replay = false;
      if (after) {
        step.compared_with = m.snapshot;
        step.differences = settle(*after, *own);  // which makes it the snapshot's model
        walk.before = std::move(after);
      } else {
        walk.before = own->whole();
      }
      walk.latest = std::move(own);
      walk.latest_file = m.snapshot;
      return;
    }
    // A gap in the middle is judged through the next snapshot (snapshot-missing reports the gap);
    // the last migration without one leaves generate diffing against the latest snapshot there is.
    if (after && &m == &folder.migrations.back() && walk.latest) {
      Schema replayed = *after;
      step.compared_with = walk.latest_file;
      step.differences = settle(replayed, *walk.latest);
    }
    // Two migrations in a row without snapshots: the second is judged on the first's replay when
    // that was followed in full (a row-only migration after a hand-written one changes nothing).
    walk.before_is_known = before_was_known && after && step.effects && followed_in_full(*after, *step.effects);
    walk.before = std::move(after);
  };
  const std::size_t count = folder.migrations.size();
  Walk first(folder, *dialect);
  first.before_is_replay = *dialect == Dialect::SQLite;
  // PostgreSQL's steps after a migration whose own snapshot the loader modelled start from that
  // model whatever came before, so a second thread can walk the second half from there. (SQLite's
  // drop checks keep replays from the empty database, which only one walk makes.)
  const std::size_t split = threads >= 2 && *dialect == Dialect::PostgreSQL ? walk_split(folder, owner) : 0;
  std::optional<Walk> second;
  std::thread helper;
  if (split > 0) {
    const Snapshot* start = folder.migrations[split - 1].snapshot;
    second.emplace(folder, *dialect);
    second->before = start->schema->whole();
    second->before_is_known = true;
    second->latest = start->schema;
    second->latest_file = start;
    helper = std::thread([&] {
      advise_huge_pages_for_this_thread();
      for (std::size_t i = split; i < count; ++i) step_through(*second, i);
    });
  }
  {
    struct JoinedOnTheWayOut {  // exceptions included
      std::thread& thread;
      ~JoinedOnTheWayOut() {
        if (thread.joinable()) thread.join();
      }
    } joined{helper};
    for (std::size_t i = 0; i < (split > 0 ? split : count); ++i) step_through(first, i);
  }
  history->unmodelled_ = std::move(first.unmodelled);
  if (second) {
    history->unmodelled_.insert(history->unmodelled_.end(), second->unmodelled.begin(), second->unmodelled.end());
    history->second_walk_from_ = split;
  }
  return history;
}

Schema SchemaHistory::replay_sql_through(std::size_t count) const {
  count = std::min(count, steps_.size());
  if (!modelled_) return replay_sql_of({});
  // The nearest answer kept at or before `count`, else the empty database.
  const ReplayedThrough* nearest = nullptr;
  for (const ReplayedThrough& kept : replayed_through_) {
    if (kept.count <= count && (!nearest || kept.count > nearest->count)) nearest = &kept;
  }
  if (nearest && nearest->count == count) return nearest->schema;
  ReplayedThrough next;
  if (nearest) next = *nearest;
  const Dialect dialect = *folder_->dialect();
  for (; next.count < count && !next.stopped; ++next.count) {
    const Migration* m = steps_[next.count].migration;
    if (!m->sql || m->sql->unreadable) {
      next.schema.everything_unknown = true;  // the migrator throws on a missing file; nothing is known after
      next.stopped = true;
      break;
    }
    next.schema = replay(std::move(next.schema), *m->sql, dialect).after;
  }
  next.count = count;
  // A few kept: the latest answers, which the next asks start from (past those the build kept, the
  // oldest go first).
  constexpr std::size_t kKept = 32;
  if (replayed_through_.size() >= kKept) replayed_through_.erase(replayed_through_.begin());
  replayed_through_.push_back(next);
  return std::move(next.schema);
}

Schema SchemaHistory::replay_sql_of(const std::vector<const Migration*>& migrations, Schema start) const {
  if (!modelled_) {
    start.everything_unknown = true;
    return start;
  }
  const Dialect dialect = *folder_->dialect();
  for (const Migration* m : migrations) {
    if (!m->sql || m->sql->unreadable) {
      start.everything_unknown = true;  // the migrator throws on a missing file; nothing is known after
      return start;
    }
    start = replay(std::move(start), *m->sql, dialect).after;
  }
  return start;
}

}  // namespace miglint::schema
