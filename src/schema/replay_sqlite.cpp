// SQLite's replay is SQLite itself: the schema before the migration is created in an in-memory
// database, the file's chunks run there the way drizzle's SQLite migrators run them, and the
// result is read back as a live database is (catalog_sqlite.cpp).
//
// As better-sqlite3 (drizzle-orm's migrator) is built: foreign keys on, double-quoted strings
// refused. Every chunk (the file cut at "--> statement-breakpoint") is prepared as one statement
// inside one transaction: a chunk with no statement or with more than one is refused, as the
// drivers refuse it. The database holds no rows, so a constraint failure of an INSERT or UPDATE
// says nothing about the schema and the replay goes on, and so does libsql's ALTER COLUMN (the
// column becomes unknown); any other refusal ends it.
//
// What the migration did not touch is carried over from `before` unchanged (with its unknown
// marks); what it changed is read back, and stays unknown where it was unknown before.
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <set>

#include "schema/catalog.h"
#include "schema/catalog_sqlite_tables.h"
#include "schema/replay.h"
#include "schema/replay_sqlite_messages.h"
#include "schema/replay_sqlite_setup.h"
#include "schema/sqlite_c.h"
#include "schema/sqlite_create_text.h"

namespace miglint::schema {

namespace {

using namespace sqlite_replay;
using namespace sqlite_c;

struct Object {
  std::string type;
  std::string table;  // tbl_name: an index's table; a table's or view's own name
  long long rootpage = 0;
  std::string sql;
};

struct SchemaState {
  std::map<std::string, Object> objects;  // by name
  std::map<std::string, std::vector<std::string>> columns;  // by table
};

class SqliteReplay {
 public:
  SqliteReplay(const Schema& before, sqlite3* db) : before_(before), db_(db) {}

  // Creates the part of `before` the file can touch (sqlite_replay::reachable).
  void set_up(const std::string& file) {
    created_ = sqlite_replay::reachable(before_, sqlite_text::identifiers(file));
    exec("PRAGMA foreign_keys = ON");
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    exec("BEGIN");  // `before` and the migration in one transaction, as migrate() runs it
    for (const auto& s : sqlite_replay::setup_statements(before_, created_)) {
      if (exec(s.sql)) continue;
      degraded_.insert(s.name);
      for (const auto& fallback : s.fallbacks) {
        if (exec(fallback)) break;
      }
    }
    // The columns of what was just created are the model's: no need to ask SQLite for them.
    SchemaState created;
    for (const auto& [name, table] : before_.tables) {
      if (!created_.contains(name.name)) continue;
      auto& columns = created.columns[name.name];
      for (const auto& c : table.columns) columns.push_back(c.name);
      if (columns.empty()) columns.push_back("miglint_unknown");
    }
    initial_ = read_state(created, true);
    for (const auto& [name, object] : initial_.objects) {
      if (object.type == "table" && before_.table(QualifiedName{"", name})) origin_[name] = name;
    }
    state_ = initial_;
  }

  void run(const SqlFile& file) {
    const std::string& bytes = file.file.bytes();
    for (const SqlChunk& chunk : file.sql().chunks) {
      StatementEffect effect;
      effect.statement_begin = chunk.statements.empty() ? chunk.begin : chunk.statements.front().begin;
      if (stopped_) {
        for (const auto& s : chunk.statements) effects_.push_back(not_understood(s.begin));
        continue;
      }
      run_chunk(std::string_view(bytes).substr(chunk.begin, chunk.end - chunk.begin), effect);
      effects_.push_back(std::move(effect));
      for (std::size_t i = 1; i < chunk.statements.size(); ++i) effects_.push_back(not_understood(chunk.statements[i].begin));
    }
  }

  Schema finish() {
    // Only what the migration changed is read back; the rest is `before`'s, as it was.
    std::set<std::string> changed = changed_tables();
    auto read = read_sqlite_tables(db_, changed);
    Schema after;
    if (auto* model = std::get_if<Schema>(&read)) {
      after = std::move(*model);
      carry_over(after, changed);
    } else {
      after = before_;
      after.everything_unknown = true;
    }
    for (auto& [name, table] : after.tables) {
      // SQLite keeps no primary key name (drizzle-kit writes none): what `before` said is not there.
      if (table.primary_key) table.primary_key->name.clear();
      // REFERENCES a parent read from `before` (not read back) without columns: its primary key.
      for (auto& [key, fk] : table.foreign_keys) {
        const Table* parent = after.table(fk.references);
        bool implicit = std::all_of(fk.referenced_columns.begin(), fk.referenced_columns.end(),
                                    [](const std::string& c) { return c.empty(); });
        if (implicit && parent && parent->primary_key) fk.referenced_columns = parent->primary_key->columns;
      }
    }
    after.schemas = before_.schemas;
    after.enums = before_.enums;
    after.sequences = before_.sequences;
    after.unknown_schemas = before_.unknown_schemas;
    after.everything_unknown = after.everything_unknown || before_.everything_unknown || stopped_;
    after.foreign_key_names_in_sql = before_.foreign_key_names_in_sql;
    return after;
  }

  std::vector<StatementEffect> effects() { return std::move(effects_); }

 private:
  static StatementEffect not_understood(std::size_t begin) {
    StatementEffect e;
    e.statement_begin = begin;
    e.understood = false;
    return e;
  }

  bool exec(const std::string& sql) { return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; }

  long long schema_version() {
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_, "PRAGMA schema_version", -1, &raw, nullptr);
    Statement s(raw, sqlite3_finalize);
    return s && sqlite3_step(s.get()) == SQLITE_ROW ? sqlite3_column_int64(s.get(), 0) : -1;
  }

  // The schema now; the columns of a table whose CREATE text did not change since `previous` (or,
  // with `created`, that `previous` lists) are not read again.
  SchemaState read_state(const SchemaState& previous, bool created = false) {
    SchemaState state;
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema "
                       "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                       -1, &raw, nullptr);
    Statement objects(raw, sqlite3_finalize);
    while (objects && sqlite3_step(objects.get()) == SQLITE_ROW) {
      state.objects[text_at(objects.get(), 1)] = Object{text_at(objects.get(), 0), text_at(objects.get(), 2),
                                                        sqlite3_column_int64(objects.get(), 3), text_at(objects.get(), 4)};
    }
    sqlite3_prepare_v2(db_, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", -1, &raw, nullptr);
    Statement columns(raw, sqlite3_finalize);
    for (const auto& [name, object] : state.objects) {
      if (object.type != "table") continue;
      auto was = previous.objects.find(name);
      auto known = previous.columns.find(name);
      bool unchanged = created || (was != previous.objects.end() && was->second.sql == object.sql);
      if (unchanged && known != previous.columns.end()) {
        state.columns[name] = known->second;
        continue;
      }
      std::vector<std::string>& list = state.columns[name];
      sqlite3_reset(columns.get());
      sqlite3_bind_text(columns.get(), 1, name.c_str(), -1, SQLITE_TRANSIENT);
      while (columns && sqlite3_step(columns.get()) == SQLITE_ROW) list.push_back(text_at(columns.get(), 0));
    }
    return state;
  }

  void run_chunk(std::string_view text, StatementEffect& effect) {
    sqlite_text::StatementTarget target = sqlite_text::statement_target(text);
    long long version = schema_version();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, text.data(), static_cast<int>(text.size()), &raw, &tail);
    Statement statement(raw, sqlite3_finalize);
    if (rc == SQLITE_OK && !statement) return refuse(effect, "the chunk holds no statement (the driver refuses it)");
    if (rc == SQLITE_OK && !only_comments(std::string_view(tail, static_cast<std::size_t>(text.data() + text.size() - tail)))) {
      return refuse(effect, "the chunk holds more than one statement (the driver runs one per call and refuses it)");
    }
    if (rc == SQLITE_OK) {
      while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) return failed(rc, sqlite3_errmsg(db_), target, effect);
    if (schema_version() == version) {
      if (target.if_not_exists && state_.objects.contains(target.name)) {
        effect.already_exist.push_back(lower(target.kind) + " " + target.name);
      }
      return;
    }
    SchemaState now = read_state(state_);
    record_changes(now, effect);
    state_ = std::move(now);
  }

  void failed(int code, const std::string& message, const sqlite_text::StatementTarget& target, StatementEffect& effect) {
    // The model holds no triggers: one missing here may well exist in the database.
    if (message.starts_with("no such trigger")) {
      effect.understood = false;
      return;
    }
    if ((code & 0xff) == SQLITE_CONSTRAINT) return;  // about rows, and this database has none
    // libsql's (Turso's) ALTER TABLE ... ALTER COLUMN, which drizzle-kit writes for turso and this
    // SQLite does not know: the column's definition is no longer known.
    if (!target.altered_column.empty() && message.find("syntax error") != std::string::npos) {
      effect.understood = false;
      altered_.emplace_back(target.name, target.altered_column);
      return;
    }
    if (auto existing = existing_object(message)) {
      // A rename onto a name in use does not say whether a table or an index holds it.
      auto object = state_.objects.find(existing->second);
      std::string kind = existing->first.empty() && object != state_.objects.end() ? object->second.type : existing->first;
      effect.already_exist.push_back((kind.empty() ? "table" : kind) + " " + existing->second);
    }
    if (message.starts_with("duplicate column name: ")) {
      effect.already_exist.push_back("column " + target.name + "." + message.substr(23));
    }
    if (auto lacking = missing_object(message, target)) effect.missing.push_back(*lacking);
    refuse(effect, message);
  }

  void refuse(StatementEffect& effect, const std::string& why) {
    effect.refused = why;
    effect.fails = true;
    stopped_ = true;
  }

  // New objects and columns; tables followed through renames by their root page.
  void record_changes(const SchemaState& now, StatementEffect& effect) {
    std::map<long long, std::string> gone;  // root page -> name, of tables no longer there
    for (const auto& [name, object] : state_.objects) {
      if (object.type == "table" && !now.objects.contains(name) && object.rootpage > 0) gone[object.rootpage] = name;
    }
    for (const auto& [name, object] : now.objects) {
      auto was = state_.objects.find(name);
      if (was == state_.objects.end() || was->second.type != object.type) {
        if (object.type != "trigger") effect.creates.push_back(object.type + " " + name);
        if (object.type == "table") {
          auto renamed = gone.find(object.rootpage);
          origin_[name] = renamed != gone.end() && object.rootpage > 0 ? origin_[renamed->second] : "";
        }
        continue;
      }
      if (object.type != "table" || was->second.sql == object.sql) continue;
      auto old_columns_of = state_.columns.find(name);
      auto new_columns_of = now.columns.find(name);
      if (old_columns_of == state_.columns.end() || new_columns_of == now.columns.end()) continue;
      const auto& old_columns = old_columns_of->second;
      for (const auto& column : new_columns_of->second) {
        if (std::find(old_columns.begin(), old_columns.end(), column) == old_columns.end()) {
          effect.creates.push_back("column " + name + "." + column);
        }
      }
    }
    for (const auto& [page, name] : gone) origin_.erase(name);
    for (auto it = origin_.begin(); it != origin_.end();) {
      it = now.objects.contains(it->first) ? std::next(it) : origin_.erase(it);
    }
  }

  // Tables (and views) whose CREATE text, or one of whose indexes, is not as `before` made it.
  std::set<std::string> changed_tables() const {
    std::set<std::string> changed;
    for (const auto& [name, object] : state_.objects) {
      if (!same_as_initially(name)) changed.insert(object.table);
    }
    for (const auto& [name, object] : initial_.objects) {
      if (!state_.objects.contains(name)) changed.insert(object.table);
    }
    return changed;
  }

  void carry_over(Schema& after, const std::set<std::string>& changed) {
    for (const auto& [name, table] : before_.tables) {
      if (!created_.contains(name.name)) after.tables[name] = table;
    }
    for (const auto& [name, view] : before_.views) {
      if (!created_.contains(name.name)) after.views[name] = view;
    }
    for (const auto& [name, object] : state_.objects) {
      auto origin = origin_.find(name);
      const Table* was = origin == origin_.end() || origin->second.empty()
                             ? nullptr
                             : before_.table(QualifiedName{"", origin->second});
      if (object.type == "view" && !changed.contains(name)) {
        if (auto view = before_.views.find(QualifiedName{"", name}); view != before_.views.end()) {
          after.views[view->first] = view->second;
        }
      }
      if (object.type != "table" || !was) continue;  // made by the migration: read back as it is
      if (!changed.contains(name)) {
        after.tables[was->name] = *was;
        continue;
      }
      Table* table = after.table(QualifiedName{"", name});
      if (!table) continue;
      if (was->unknown || degraded_.contains(origin->second)) table->unknown = true;
      for (const auto& column : was->columns) {
        if (Column* now = table->column(column.name); now && column.unknown) now->unknown = true;
      }
      for (auto& [index_name, index] : table->indexes) {
        auto before_index = was->indexes.find(index_name);
        if (before_index != was->indexes.end() && same_as_initially(index_name)) index = before_index->second;
      }
    }
    for (const auto& [table_name, column_name] : altered_) {
      Table* table = after.table(QualifiedName{"", table_name});
      if (Column* column = table ? table->column(column_name) : nullptr) column->unknown = true;
      else if (table) table->unknown = true;
    }
  }

  bool same_as_initially(const std::string& name) const {
    auto initially = initial_.objects.find(name);
    auto now = state_.objects.find(name);
    return initially != initial_.objects.end() && now != state_.objects.end() && initially->second.sql == now->second.sql;
  }

  const Schema& before_;
  sqlite3* db_;
  SchemaState initial_;  // right after `before` was created
  SchemaState state_;    // after the last statement that changed the schema
  std::map<std::string, std::string> origin_;  // table now -> its table in `before` ("" if new)
  std::set<std::string> created_;              // the tables and views of `before` created here
  std::set<std::string> degraded_;             // parts of `before` SQLite refused as modelled
  std::vector<StatementEffect> effects_;
  std::vector<std::pair<std::string, std::string>> altered_;  // (table, column) libsql's ALTER COLUMN changed
  bool stopped_ = false;
};

}  // namespace

ReplayResult replay_sqlite(const Schema& before, const SqlFile& sql) {
  ReplayResult result;
  sqlite3* raw = nullptr;
  // One thread uses the connection: no lock around each of its calls (a tenth of a SQLite folder's run).
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw, sqlite3_close);
  if (rc != SQLITE_OK || sql.unreadable) {
    result.after = before;
    result.after.everything_unknown = true;
    return result;
  }
  SqliteReplay replay(before, db.get());
  replay.set_up(sql.file.bytes());
  replay.run(sql);
  result.after = replay.finish();
  result.effects = replay.effects();
  return result;
}

}  // namespace miglint::schema
