#include "schema/history_v1.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <set>
#include <thread>
#include <variant>

#include <fmt/core.h>

#include "core/short_run_memory.h"
#include "load/folder_file_reader.h"
#include "schema/history.h"
#include "schema/replay.h"
#include "schema/settle.h"

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

bool is_diff(const Snapshot& s) { return s.kind && s.kind->value == "diff"; }

std::string ddl_conflict(const Snapshot& s) {
  return fmt::format("{} lists two different entities under one name", s.relative_path);
}

}  // namespace

Reconstruction::Reconstruction(const Folder& folder, Dialect dialect)
    : folder_(folder), dialect_(dialect), reader_(folder.path, folder.overlay) {
  for (const Snapshot& s : folder.snapshots) {
    if (!s.v1_rows_readable || !s.id) continue;
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
    if (!is_diff(*s->second)) break;
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
    const SnapshotRows* rows = kept_rows(s, problem);
    if (!rows) break;
    if (!rows->diff) {
      if (rows->ddl_conflict) problem = ddl_conflict(s);
      state.emplace(dialect_);
      for (const Row& row : rows->ddl) state->push(row);  // keys rows_of found distinct
    } else if (s.prev_ids.size() > 1) {
      problem = apply_other_parents(*state, s.prev_ids);
    }
    if (problem.empty() && rows->diff && !state->apply(rows->deltas)) {
      problem = fmt::format("a delta of {} gives one name to two different entities", s.relative_path);
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
std::string Reconstruction::apply_other_parents(State& state, const std::vector<Located<std::string>>& parents) {
  std::vector<std::string> others;
  for (std::size_t i = 1; i < parents.size(); ++i) others.push_back(parents[i].value);
  const std::vector<std::string> first = history_of({parents.front().value}, {});
  const std::vector<std::string> rest = history_of(others, first);
  const std::set<std::string> apply(rest.begin(), rest.end());
  const std::string collision = "the branches it merges give one name to two different entities";
  for (const Snapshot* s : ordered_) {
    if (!apply.count(s->id->value)) continue;
    if (is_diff(*s)) {
      std::string problem;
      const SnapshotRows* rows = kept_rows(*s, problem);
      if (!rows) return problem;
      if (!state.apply(rows->deltas)) return collision;
      continue;
    }
    const Built& own = state_of(s->id->value);
    if (!own.state) continue;
    const bool from_origin = s->prev_ids.empty() || is_origin(s->prev_ids.front().value);
    const Built parent = from_origin ? Built{State(dialect_), {}} : state_of(s->prev_ids.front().value);
    if (!parent.state) continue;
    if (!state.apply(parent.state->changes_to(*own.state))) return collision;
  }
  return {};
}

Reconstruction::Built Reconstruction::starting_state(const std::vector<Located<std::string>>& parents) {
  if (parents.empty() || is_origin(parents.front().value)) return Built{State(dialect_), {}};
  Built start = state_of(parents.front().value);
  if (start.state && parents.size() > 1) {
    if (std::string problem = apply_other_parents(*start.state, parents); !problem.empty()) return Built{std::nullopt, problem};
  }
  return start;
}

std::optional<SnapshotRows> Reconstruction::read_rows(const Snapshot& s, simdjson::dom::document* keep_in,
                                                      std::string& problem) {
  auto bytes = reader_.read(folder_.path / s.relative_path);
  if (auto* failure = std::get_if<ReadFailure>(&bytes)) {
    problem = fmt::format("{} {}", s.relative_path, failure->reason);
    return std::nullopt;
  }
  // The reader leaves simdjson's padding readable past the bytes.
  const std::string_view text = std::get<std::string_view>(bytes);
  simdjson::dom::element root;
  simdjson::dom::object object;
  auto parsed = keep_in ? parser_.parse_into_document(*keep_in, text.data(), text.size(), false)
                        : parser_.parse(text.data(), text.size(), false);
  std::optional<SnapshotRows> rows;
  if (!parsed.get(root) && !root.get_object().get(object)) rows = rows_of(object, is_diff(s), dialect_);
  if (!rows) problem = fmt::format("{} changed while miglint read it", s.relative_path);
  return rows;
}

const SnapshotRows* Reconstruction::kept_rows(const Snapshot& s, std::string& problem) {
  if (auto found = kept_.find(&s); found != kept_.end()) return found->second.get();
  auto document = std::make_shared<simdjson::dom::document>();
  std::optional<SnapshotRows> rows = read_rows(s, document.get(), problem);
  if (!rows) return nullptr;
  rows->document = std::move(document);
  return (kept_[&s] = std::make_shared<const SnapshotRows>(std::move(*rows))).get();
}

SnapshotModel Reconstruction::model_of(const Snapshot& snapshot) {
  if (!snapshot.v1_rows_readable || !snapshot.id) return {std::nullopt, "it is not a snapshot drizzle-kit 1.0 reads"};
  // A snapshot that holds its whole ddl is its own state (every SQLite one): modelled from its
  // rows without building the state, read from a parse that nothing keeps unless a state did.
  if (!is_diff(snapshot)) {
    std::string problem;
    std::optional<SnapshotRows> read;
    const SnapshotRows* rows = nullptr;
    if (auto kept = kept_.find(&snapshot); kept != kept_.end()) {
      rows = kept->second.get();
    } else if ((read = read_rows(snapshot, nullptr, problem))) {
      rows = &*read;
    }
    if (!rows) return {std::nullopt, problem};
    if (rows->ddl_conflict) return {std::nullopt, ddl_conflict(snapshot)};
    return schema_from_v1_rows(rows->ddl, dialect_);
  }
  const Built& built = state_of(snapshot.id->value);
  if (!built.state) return {std::nullopt, built.problem};
  return schema_from_v1_rows(built.state->rows(), dialect_);
}

SnapshotModel Reconstruction::model_before(const Snapshot& snapshot) {
  if (snapshot.prev_ids.size() == 1 && !is_origin(snapshot.prev_ids.front().value)) {
    if (auto parent = by_id_.find(snapshot.prev_ids.front().value); parent != by_id_.end()) return model_of(*parent->second);
  }
  Built start = starting_state(snapshot.prev_ids);
  if (!start.state) return {std::nullopt, start.problem};
  return schema_from_v1_rows(start.state->rows(), dialect_);
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

namespace {

// The models of the snapshots the migrations are compared with, made in order on a thread of its
// own (with a reconstruction of its own: the two share nothing but the folder, read only), at most
// a few ahead of the migration the history is at.
class ModelsAhead {
 public:
  ModelsAhead(const Folder& folder, Dialect dialect, std::vector<const Snapshot*> snapshots)
      : ahead_(folder, dialect), snapshots_(std::move(snapshots)), thread_([this] {
          advise_huge_pages_for_this_thread();
          run();
        }) {}
  ~ModelsAhead() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  // The next snapshot's model, in the order given.
  SnapshotModel next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty(); });
    SnapshotModel model = std::move(ready_.front());
    ready_.pop_front();
    changed_.notify_all();
    return model;
  }

 private:
  static constexpr std::size_t kAhead = 2;
  void run() {
    for (const Snapshot* s : snapshots_) {
      SnapshotModel model = ahead_.model_of(*s);
      ahead_.done_with(*s);
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || ready_.size() < kAhead; });
      if (stop_) return;
      ready_.push_back(std::move(model));
      changed_.notify_all();
    }
  }
  v1::Reconstruction ahead_;
  std::vector<const Snapshot*> snapshots_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<SnapshotModel> ready_;
  bool stop_ = false;
  std::thread thread_;  // last: it starts once the rest is made
};

}  // namespace

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
  std::vector<const Snapshot*> own_snapshots;  // per migration: the snapshot its SQL is compared with
  std::vector<const Snapshot*> compared;       // those that are there, in order
  for (const Migration& m : folder.migrations) {
    const bool own = m.snapshot && owner[m.snapshot] == &m && m.snapshot->v1_rows_readable;
    own_snapshots.push_back(own ? m.snapshot : nullptr);
    if (own) compared.push_back(m.snapshot);
  }
  ModelsAhead models(folder, dialect, std::move(compared));
  // SQLite's flags that neither side's comparison may read (forget_sole_key_not_null).
  void (*const normalise)(Schema&) = dialect == Dialect::SQLite ? v1::forget_sole_key_not_null : nullptr;
  // What the previous migration left, when known: its snapshot's model (the replay settled on it),
  // else its replay's result.
  std::optional<Schema> previous = Schema{};
  std::string previous_is_model_of;  // the snapshot id whose model `previous` is, if it is one
  // `previous` is a snapshot's model with the SQL of the migrations since (none with a snapshot)
  // replayed in full: as known as a model.
  bool previous_followed_a_model = false;
  steps_.reserve(folder.migrations.size());
  for (std::size_t index = 0; index < folder.migrations.size(); ++index) {
    const Migration& m = folder.migrations[index];
    MigrationSchemas& step = steps_.emplace_back();
    step.migration = &m;
    const Snapshot* s = own_snapshots[index];
    SnapshotModel own;
    std::optional<Schema> before;
    if (s) {
      own = models.next();
      if (!own.schema) unmodelled(s, own.problem);
      // Most migrations follow the one before them: its model is the start, without rebuilding it.
      if (previous && s->prev_ids.size() == 1 && !previous_is_model_of.empty() &&
          s->prev_ids.front().value == previous_is_model_of) {
        before = std::move(previous);
      } else if (SnapshotModel start = v1_->model_before(*s); start.schema) {
        before = std::move(start.schema);
      } else {
        if (own.schema) unmodelled(s, fmt::format("the state before it cannot be built: {}", start.problem));
        before = std::move(previous);
      }
    } else {
      before = std::move(previous);
    }
    // A migration without a snapshot, after a known schema: what its SQL changes there.
    const bool before_is_known = !previous_is_model_of.empty() || previous_followed_a_model;
    std::optional<Schema> known_before;
    if (!s && m.sql && before && before_is_known) known_before = *before;
    std::optional<Schema> after;
    if (before && m.sql && !m.sql->unreadable) {
      ReplayResult replayed = replay(std::move(*before), *m.sql, dialect);
      after = std::move(replayed.after);
      step.effects = std::move(replayed.effects);
    }
    if (known_before && after && step.effects) {
      step.changes_nothing = leaves_as_it_was(std::move(*known_before), *after, *step.effects, normalise);
    }
    previous_followed_a_model =
        !s && before_is_known && after && step.effects && followed_in_full(*after, *step.effects);
    previous_is_model_of = own.schema ? s->id->value : std::string();
    if (own.schema && after && !said.count(s)) {
      step.compared_with = s;
      // The replay becomes the snapshot's model, compared object by object where they differ.
      step.differences = settle(*after, *own.schema, normalise);
      previous = std::move(after);
    } else {
      previous = own.schema ? std::move(own.schema) : std::move(after);
    }
    if (s) v1_->done_with(*s);  // the states model_before built for branches go as their children do
  }
}

std::optional<Schema> SchemaHistory::v1_schema_before(const Migration& m) const {
  if (!v1_ || !m.snapshot || !m.snapshot->v1_rows_readable) return std::nullopt;
  return v1_->model_before(*m.snapshot).schema;
}

}  // namespace miglint::schema
