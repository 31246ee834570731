#include "schema/history.h"

#include <map>

#include "load/safe_read.h"
#include "schema/from_snapshot.h"

namespace miglint::schema {

namespace {

bool replayable(Dialect d) { return d == Dialect::PostgreSQL || d == Dialect::SQLite; }

}  // namespace

std::unique_ptr<SchemaHistory> SchemaHistory::build(const Folder& folder) {
  auto history = std::make_unique<SchemaHistory>();
  history->folder_ = &folder;
  const std::optional<Dialect> dialect = folder.dialect();
  if (!dialect || !replayable(*dialect)) return history;
  history->modelled_ = true;
  const Schema* previous_snapshot = &history->empty_;
  const Schema* previous_after = &history->empty_;
  // A snapshot file several migrations name (tags sharing a prefix, prefix mode "none") holds the
  // last generate's schema: it is the last of them's only (journal-tag-duplicate reports the rest).
  std::map<const Snapshot*, const Migration*> owner;
  for (const Migration& m : folder.migrations) {
    if (m.snapshot) owner[m.snapshot] = &m;
  }
  history->steps_.reserve(folder.migrations.size());
  for (const Migration& m : folder.migrations) {
    MigrationSchemas step;
    step.migration = &m;
    if (m.snapshot && owner[m.snapshot] == &m && !m.snapshot->unreadable && !m.snapshot->invalid_json) {
      auto text = read_file_within(folder.path, folder.path / m.snapshot->relative_path, folder.overlay);
      if (auto* bytes = std::get_if<std::string>(&text)) {
        SnapshotModel model = schema_from_snapshot(*bytes, *dialect);
        if (model.schema) {
          history->snapshot_models_.push_back(std::make_unique<Schema>(std::move(*model.schema)));
          step.snapshot = history->snapshot_models_.back().get();
        } else {
          history->unmodelled_.push_back({m.snapshot, std::move(model.problem)});
        }
      }
    }
    step.before = previous_snapshot ? previous_snapshot : previous_after;
    if (step.before && m.sql && !m.sql->unreadable) step.replayed = replay(*step.before, *m.sql, *dialect);
    previous_snapshot = step.snapshot;
    history->steps_.push_back(std::move(step));
    // Reserved below: steps never move, so later steps may point at this one's replay.
    previous_after = history->steps_.back().replayed ? &history->steps_.back().replayed->after : nullptr;
  }
  return history;
}

Schema SchemaHistory::replay_sql_through(std::size_t count) const {
  std::vector<const Migration*> first;
  for (std::size_t i = 0; i < count && i < steps_.size(); ++i) first.push_back(steps_[i].migration);
  return replay_sql_of(first);
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
    start = replay(start, *m->sql, dialect).after;
  }
  return start;
}

}  // namespace miglint::schema
