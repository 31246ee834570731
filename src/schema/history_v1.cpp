#include "schema/history_v1.h"

#include <algorithm>
#include <future>
#include <set>

#include <fmt/core.h>

#include "schema/history.h"
#include "schema/replay.h"

namespace miglint::schema::v1 {

namespace {

bool is_origin(const std::string& id) { return id.empty() || id == kOriginId; }

// Drizzle Kit 1.0 records a SQLite column that is its table's whole primary key as nullable and
// its diff never acts on that column's NOT NULL, while 0.x SQL (kept by `up`) writes NOT NULL
// there: the flag says nothing generate would do, on either side.
void forget_sole_key_not_null(Schema& schema) {
  for (auto& [name, table] : schema.tables) {
    if (!table.primary_key || table.primary_key->columns.size() != 1) continue;
    for (Column& column : table.columns) {
      if (column.name == table.primary_key->columns.front()) column.not_null = false;
    }
  }
}

}  // namespace

Reconstruction::Reconstruction(const Folder& folder, Dialect dialect) : dialect_(dialect) {
  for (const Snapshot& s : folder.snapshots) {
    if (!s.v1_rows || !s.id) continue;
    ordered_.push_back(&s);
    by_id_.emplace(s.id->value, &s);
  }
  // drizzle-kit lists the migration folders by name.
  std::stable_sort(ordered_.begin(), ordered_.end(),
                   [](const Snapshot* a, const Snapshot* b) { return a->relative_path < b->relative_path; });
  for (const auto& [id, s] : by_id_) {
    if (!s->prev_ids.empty()) ++children_left_[s->prev_ids.front().value];
  }
}

const Reconstruction::Built& Reconstruction::state_of(const std::string& id) {
  if (auto found = built_.find(id); found != built_.end()) return found->second;
  // Down the first parents to a base or to a state already built, then back up.
  std::vector<const Snapshot*> chain;
  const Built* start = nullptr;
  std::string problem;
  for (std::string at = id;;) {
    if (auto found = built_.find(at); found != built_.end()) {
      start = &found->second;
      break;
    }
    auto s = by_id_.find(at);
    if (s == by_id_.end()) {
      problem = fmt::format("its history names snapshot {}, which is not in the folder or cannot be read", at);
      break;
    }
    chain.push_back(s->second);
    if (!s->second->v1_rows->diff) break;
    if (s->second->prev_ids.empty() || is_origin(s->second->prev_ids.front().value) || chain.size() > by_id_.size()) {
      problem = "its history does not reach a base snapshot";
      break;
    }
    at = s->second->prev_ids.front().value;
  }
  if (start && !start->state) problem = start->problem;
  std::optional<State> state;
  if (problem.empty() && start) state = *start->state;
  for (auto it = chain.rbegin(); it != chain.rend() && problem.empty(); ++it) {
    const Snapshot& s = **it;
    const SnapshotRows& rows = *s.v1_rows;
    if (!rows.diff) {
      state.emplace(dialect_);
      for (const Row& row : rows.ddl) {
        if (!state->push(row)) problem = fmt::format("{} lists two different entities under one name", s.relative_path);
      }
    } else {
      if (s.prev_ids.size() > 1 && !apply_other_parents(*state, s.prev_ids)) {
        problem = fmt::format("the branches {} merges give one name to two different entities", s.relative_path);
      } else if (!state->apply(rows.deltas)) {
        problem = fmt::format("a delta of {} gives one name to two different entities", s.relative_path);
      }
    }
    if (problem.empty()) built_[s.id->value] = Built{*state, {}};
  }
  if (!problem.empty()) return built_[id] = Built{std::nullopt, std::move(problem)};
  return built_[id];
}

std::vector<std::string> Reconstruction::history_of(const std::vector<std::string>& ids,
                                                    const std::vector<std::string>& known) const {
  std::set<std::string> found;
  const std::set<std::string> skip(known.begin(), known.end());
  std::vector<std::string> stack = ids;
  while (!stack.empty()) {
    std::string id = std::move(stack.back());
    stack.pop_back();
    if (is_origin(id) || found.count(id) || skip.count(id)) continue;
    found.insert(id);
    auto s = by_id_.find(id);
    if (s == by_id_.end()) continue;
    for (const auto& parent : s->second->prev_ids) stack.push_back(parent.value);
  }
  return {found.begin(), found.end()};
}

// A merge starts from its first parent's state with the changes of the other branches applied,
// in folder order: the diffs reachable from the other parents and not from the first. (drizzle-kit
// 1.0 starts a SQLite merge from the branches' common ancestor with every branch's statements
// composed, which comes to the same schema.) A SQLite snapshot holds its whole ddl: its change is
// what differs from its first parent's.
bool Reconstruction::apply_other_parents(State& state, const std::vector<Located<std::string>>& parents) {
  std::vector<std::string> others;
  for (std::size_t i = 1; i < parents.size(); ++i) others.push_back(parents[i].value);
  const std::vector<std::string> first = history_of({parents.front().value}, {});
  const std::vector<std::string> rest = history_of(others, first);
  const std::set<std::string> apply(rest.begin(), rest.end());
  for (const Snapshot* s : ordered_) {
    if (!apply.count(s->id->value)) continue;
    if (s->v1_rows->diff) {
      if (!state.apply(s->v1_rows->deltas)) return false;
      continue;
    }
    const Built& own = state_of(s->id->value);
    if (!own.state) continue;
    const bool from_origin = s->prev_ids.empty() || is_origin(s->prev_ids.front().value);
    const Built parent = from_origin ? Built{State(dialect_), {}} : state_of(s->prev_ids.front().value);
    if (!parent.state) continue;
    if (!state.apply(parent.state->changes_to(*own.state))) return false;
  }
  return true;
}

Reconstruction::Built Reconstruction::starting_state(const std::vector<Located<std::string>>& parents) {
  if (parents.empty() || is_origin(parents.front().value)) return Built{State(dialect_), {}};
  Built start = state_of(parents.front().value);
  if (start.state && parents.size() > 1 && !apply_other_parents(*start.state, parents)) {
    return Built{std::nullopt, "the branches it merges give one name to two different entities"};
  }
  return start;
}

SnapshotModel Reconstruction::model_of(const Snapshot& snapshot) {
  if (!snapshot.v1_rows || !snapshot.id) return {std::nullopt, "it is not a snapshot drizzle-kit 1.0 reads"};
  const Built& built = state_of(snapshot.id->value);
  if (!built.state) return {std::nullopt, built.problem};
  return schema_from_v1_state(*built.state, dialect_);
}

SnapshotModel Reconstruction::model_before(const Snapshot& snapshot) {
  Built start = starting_state(snapshot.prev_ids);
  if (!start.state) return {std::nullopt, start.problem};
  return schema_from_v1_state(*start.state, dialect_);
}

void Reconstruction::done_with(const Snapshot& snapshot) {
  if (snapshot.prev_ids.empty() || !snapshot.id) return;
  if (auto own = by_id_.find(snapshot.id->value); own == by_id_.end() || own->second != &snapshot) return;
  const std::string& parent = snapshot.prev_ids.front().value;
  auto left = children_left_.find(parent);
  if (left != children_left_.end() && left->second > 0 && --left->second == 0) built_.erase(parent);
}

}  // namespace miglint::schema::v1

namespace miglint::schema {

// Each migration's SQL replayed on the state generate wrote it from (its snapshot's prevIds), and
// compared with its own snapshot. Where a snapshot is missing or cannot be modelled, the SQL is
// replayed on what the previous migration left instead, and not compared.
void SchemaHistory::build_v1(const Folder& folder, Dialect dialect) {
  v1_ = std::make_shared<v1::Reconstruction>(folder, dialect);
  std::map<const Snapshot*, const Migration*> owner;
  for (const Migration& m : folder.migrations) {
    if (m.snapshot) owner[m.snapshot] = &m;
  }
  std::set<const Snapshot*> said;
  auto unmodelled = [&](const Snapshot* s, std::string problem) {
    if (said.insert(s).second) unmodelled_.push_back({s, std::move(problem)});
  };
  std::vector<const Snapshot*> own_snapshot;  // per migration: the snapshot it is compared with
  for (const Migration& m : folder.migrations) {
    own_snapshot.push_back(m.snapshot && owner[m.snapshot] == &m && m.snapshot->v1_rows ? m.snapshot : nullptr);
  }
  // Each snapshot's own model is rebuilt on a second thread, one migration ahead, while this one
  // replays SQL (a reconstruction of its own: the two share nothing but the folder, read only).
  v1::Reconstruction ahead(folder, dialect);
  auto model_ahead = [&ahead, &own_snapshot](std::size_t from) {
    while (from < own_snapshot.size() && !own_snapshot[from]) ++from;
    if (from == own_snapshot.size()) return std::future<SnapshotModel>();
    return std::async(std::launch::async, [&ahead, s = own_snapshot[from]] {
      SnapshotModel model = ahead.model_of(*s);
      ahead.done_with(*s);
      return model;
    });
  };
  std::future<SnapshotModel> next_own = model_ahead(0);
  std::optional<Schema> previous = Schema{};  // what the previous migration left, when known
  std::string previous_is_model_of;           // the snapshot id whose model `previous` is, if it is one
  steps_.reserve(folder.migrations.size());
  for (std::size_t index = 0; index < folder.migrations.size(); ++index) {
    const Migration& m = folder.migrations[index];
    MigrationSchemas& step = steps_.emplace_back();
    step.migration = &m;
    const Snapshot* s = own_snapshot[index];
    SnapshotModel own, start;
    if (s) {
      own = next_own.get();
      next_own = model_ahead(index + 1);
      if (!own.schema) unmodelled(s, own.problem);
      // Most migrations follow the one before them: its model is the start, without rebuilding it.
      if (previous && s->prev_ids.size() == 1 && !previous_is_model_of.empty() &&
          s->prev_ids.front().value == previous_is_model_of) {
        start.schema = *previous;
      } else {
        start = v1_->model_before(*s);
      }
      if (!start.schema && own.schema) unmodelled(s, fmt::format("the state before it cannot be built: {}", start.problem));
    }
    std::optional<Schema> before = start.schema ? std::move(start.schema) : std::move(previous);
    std::optional<Schema> after;
    if (before && m.sql && !m.sql->unreadable) {
      ReplayResult replayed = replay(std::move(*before), *m.sql, dialect);
      after = std::move(replayed.after);
      step.effects = std::move(replayed.effects);
    }
    if (own.schema && after && !said.count(s)) {
      step.compared_with = s;
      if (dialect == Dialect::SQLite) {
        Schema expected = *own.schema;  // the model stays whole for the next migration's start
        v1::forget_sole_key_not_null(expected);
        v1::forget_sole_key_not_null(*after);
        step.differences = compare(expected, *after);
      } else {
        step.differences = compare(*own.schema, *after);
      }
    }
    previous_is_model_of = own.schema ? s->id->value : std::string();
    previous = own.schema ? std::move(own.schema) : std::move(after);
    if (s) v1_->done_with(*s);  // the states model_before built for branches go as their children do
  }
}

std::optional<Schema> SchemaHistory::v1_schema_before(const Migration& m) const {
  if (!v1_ || !m.snapshot || !m.snapshot->v1_rows) return std::nullopt;
  return v1_->model_before(*m.snapshot).schema;
}

}  // namespace miglint::schema
