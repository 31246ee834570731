#include "schema/sqlite_drops.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "schema/replay_sqlite_messages.h"
#include "schema/replay_sqlite_setup.h"
#include "schema/sqlite_c.h"
#include "schema/sqlite_create_text.h"

namespace miglint::schema {

namespace {

using sqlite_replay::lower;
using namespace sqlite_c;

// One foreign key of the database now, child side.
struct Edge {
  std::string child;
  std::string parent;  // lower-cased
  std::vector<std::string> columns;
  std::string on_delete;
};

// The words of a statement, upper-cased, identifiers unquoted: enough to find PRAGMA's name and
// value and the table after INSERT INTO.
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
      continue;
    }
    if (c == '"' || c == '`' || c == '[' || c == '\'') {
      const char close = c == '[' ? ']' : c;
      std::size_t end = text.find(close, i + 1);
      if (end == std::string_view::npos) end = text.size();
      out.emplace_back(text.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t end = i;
      while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
      out.emplace_back(text.substr(i, end - i));
      i = end;
      continue;
    }
    if (c == '.' && !out.empty()) out.pop_back();  // schema.table: keep the table
    ++i;
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

PragmaUse read_pragma(const SqlStatement& s, std::string_view text, bool in_transaction) {
  std::vector<std::string> words = words_of(text);
  PragmaUse use;
  use.statement_begin = s.begin;
  use.statement_end = s.end;
  use.inside_transaction = in_transaction;
  if (words.size() >= 2) use.name = lower(words[1]);
  if (words.size() >= 3) use.value = lower(words[2]);
  return use;
}

// A statement that ran: where, the table it dropped (lower-cased, "" if none), its words lower-cased.
struct Seen {
  std::size_t begin = 0;
  std::string dropped;
  std::set<std::string> words;
  std::string filled_from_select;  // INSERT INTO t ... SELECT: t, lower-cased
};

std::string insert_select_target(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  if (words.empty() || (upper(words[0]) != "INSERT" && upper(words[0]) != "REPLACE")) return "";
  bool selects = false;
  for (const std::string& w : words) selects = selects || upper(w) == "SELECT";
  for (std::size_t i = 0; selects && i + 1 < words.size(); ++i) {
    if (upper(words[i]) == "INTO") return lower(words[i + 1]);
  }
  return "";
}

std::set<std::string> lowered_words(std::string_view text) {
  std::set<std::string> out;
  for (const std::string& w : words_of(text)) out.insert(lower(w));
  return out;
}

// A later statement puts rows back in `table` from a SELECT (the copy a hand-written rebuild made
// before the DROP): the rows the cascade deleted come back.
bool restored_later(const std::vector<Seen>& seen, std::size_t after, const std::string& table) {
  const std::string name = lower(table);
  for (const Seen& s : seen) {
    if (s.begin > after && s.filled_from_select == name) return true;
    if (s.begin > after && s.dropped == name) return false;
  }
  return false;
}

// A later statement drops `table`, and none between the drop at `after` and that one names it: its
// rows were not going to be kept anyway, whatever the cascade did to them.
bool dropped_unread(const std::vector<Seen>& seen, std::size_t after, const std::string& table) {
  const std::string name = lower(table);
  for (const Seen& s : seen) {
    if (s.begin <= after) continue;
    if (s.dropped == name) return true;
    if (s.words.contains(name)) return false;
  }
  return false;
}

bool truthy(const std::string& value) { return value == "on" || value == "1" || value == "true" || value == "yes"; }

class DropFinder {
 public:
  DropFinder(const Schema& before, sqlite3* db, bool enforced, bool in_transaction)
      : db_(db), enforced_(enforced), in_transaction_(in_transaction) {
    exec("PRAGMA foreign_keys = ON");  // as the replay runs: the database holds no rows
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
    sqlite3_db_config(db_, SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
    std::set<std::string> everything;
    for (const auto& [name, table] : before.tables) everything.insert(name.name);
    for (const auto& [name, view] : before.views) everything.insert(name.name);
    exec("BEGIN");
    for (const auto& s : sqlite_replay::setup_statements(before, everything)) {
      if (exec(s.sql)) continue;
      for (const auto& fallback : s.fallbacks) {
        if (exec(fallback)) break;
      }
    }
    for (const std::string& name : tables()) rows_[lower(name)] = true;  // there before: may hold rows
  }

  SqliteDropReport run(const SqlFile& sql) {
    SqliteDropReport report;
    const std::string& bytes = sql.file.bytes();
    std::vector<std::pair<std::string, std::string>> renames;  // (old, new), as written, in order
    std::vector<Seen> seen;                                    // every statement that ran, in order
    std::vector<std::size_t> renames_before_drop;              // per drop: renames seen before it
    for (const SqlChunk& chunk : sql.sql().chunks) {
      if (chunk.statements.empty()) continue;
      const SqlStatement& s = chunk.statements.front();
      if (!report.stopped_at.empty()) {
        for (const SqlStatement& later : chunk.statements) note_unjudged(later, bytes, report);
        continue;
      }
      if (chunk.statements.size() > 1) {
        stop(s, "a chunk with several statements, which the driver refuses", report);
        for (const SqlStatement& later : chunk.statements) note_unjudged(later, bytes, report);
        continue;
      }
      const std::string_view text = std::string_view(bytes).substr(s.begin, s.end - s.begin);
      if (const std::optional<TransactionControl> control = transaction_control(s)) {
        if (control->change != 0) in_transaction_ = control->change > 0;
        continue;
      }
      if (s.first_word == "PRAGMA") {
        pragma(s, text, report);
        continue;
      }
      const sqlite_text::StatementTarget target = sqlite_text::statement_target(text);
      if (target.verb == "DROP" && target.kind == "TABLE") {
        TableDrop drop;
        drop.statement_begin = s.begin;
        drop.statement_end = s.end;
        drop.table = target.name;
        drop.foreign_keys_enforced = enforced_;
        drop.inside_transaction = in_transaction_;
        drop.referencing = referencing(target.name);
        report.drops.push_back(std::move(drop));
        renames_before_drop.push_back(renames.size());
      }
      const std::set<std::string> tables_before = target.verb == "ALTER" ? tables() : std::set<std::string>{};
      if (!exec(std::string(text))) {
        stop(s, sqlite3_errmsg(db_), report);
        continue;
      }
      seen.push_back({s.begin, target.verb == "DROP" && target.kind == "TABLE" ? lower(target.name) : "",
                      lowered_words(text), insert_select_target(text)});
      follow_rows(target, text, tables_before, renames);
    }
    for (std::size_t d = 0; d < report.drops.size(); ++d) {
      TableDrop& drop = report.drops[d];
      std::string name = lower(drop.table);
      for (std::size_t r = renames_before_drop[d]; r < renames.size(); ++r) {
        if (lower(renames[r].second) == name && drop.replaced_by.empty()) drop.replaced_by = renames[r].first;
      }
      // Back through the earlier renames: the name the table had when the migration began.
      std::string origin = drop.table;
      for (std::size_t r = renames_before_drop[d]; r-- > 0;) {
        if (lower(renames[r].second) == lower(origin)) origin = renames[r].first;
      }
      if (lower(origin) != name) drop.was_named = origin;
      for (ReferencingTable& r : drop.referencing) {
        r.dropped_unread = dropped_unread(seen, drop.statement_begin, r.table);
        r.restored = restored_later(seen, drop.statement_begin, r.table);
      }
    }
    return report;
  }

 private:
  bool exec(const std::string& text) { return sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; }

  static void stop(const SqlStatement& s, std::string why, SqliteDropReport& report) {
    report.stopped_at = std::move(why);
    report.stopped_begin = s.begin;
    report.stopped_end = s.end;
  }

  // A DROP TABLE after the statement the replay stopped at: not judged.
  static void note_unjudged(const SqlStatement& s, const std::string& bytes, SqliteDropReport& report) {
    if (s.first_word != "DROP" || s.second_word != "TABLE") return;
    TableDrop drop;
    drop.statement_begin = s.begin;
    drop.statement_end = s.end;
    drop.table = sqlite_text::statement_target(std::string_view(bytes).substr(s.begin, s.end - s.begin)).name;
    report.unjudged.push_back(std::move(drop));
  }

  std::set<std::string> tables() {
    std::set<std::string> out;
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                       -1, &raw, nullptr);
    Statement q(raw, sqlite3_finalize);
    while (q && sqlite3_step(q.get()) == SQLITE_ROW) out.insert(text_at(q.get(), 0));
    return out;
  }

  void pragma(const SqlStatement& s, std::string_view text, SqliteDropReport& report) {
    PragmaUse use = read_pragma(s, text, in_transaction_);
    if (use.name == "foreign_keys" && !use.value.empty() && !in_transaction_) enforced_ = truthy(use.value);
    // It changes how a rename rewrites other tables' REFERENCES, inside a transaction too.
    if (use.name == "legacy_alter_table") exec(std::string(text));
    report.pragmas.push_back(std::move(use));
  }

  std::vector<Edge> edges() {
    std::vector<Edge> out;
    sqlite3_stmt* raw = nullptr;
    sqlite3_prepare_v2(db_,
                       "SELECT m.name, f.id, f.\"table\", f.\"from\", f.on_delete FROM sqlite_schema AS m, "
                       "pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
                       -1, &raw, nullptr);
    Statement q(raw, sqlite3_finalize);
    std::string last_child;
    long long last_id = -1;
    while (q && sqlite3_step(q.get()) == SQLITE_ROW) {
      std::string child = text_at(q.get(), 0);
      long long id = sqlite3_column_int64(q.get(), 1);
      if (out.empty() || child != last_child || id != last_id) {
        out.push_back({child, lower(text_at(q.get(), 2)), {}, lower(text_at(q.get(), 4))});
      }
      out.back().columns.push_back(text_at(q.get(), 3));
      last_child = std::move(child);
      last_id = id;
    }
    return out;
  }

  // Every table the implicit DELETE of `dropped`'s rows reaches: its children, and through those
  // whose rows a cascade deletes, theirs.
  std::vector<ReferencingTable> referencing(const std::string& dropped) {
    std::vector<Edge> all = edges();
    std::vector<ReferencingTable> out;
    std::set<std::string> deleted{lower(dropped)};
    std::vector<std::string> pending{dropped};  // as written
    while (!pending.empty()) {
      const std::string parent = pending.front();
      pending.erase(pending.begin());
      for (const Edge& e : all) {
        const std::string child = lower(e.child);
        if (e.parent != lower(parent) || child == lower(parent) || child == lower(dropped)) continue;
        const bool rows = rows_.contains(child) ? rows_[child] : true;
        out.push_back({e.child, e.columns, e.on_delete, parent, rows, false, false});
        if (e.on_delete == "cascade" && rows && deleted.insert(child).second) pending.push_back(e.child);
      }
    }
    return out;
  }

  // Which tables may hold rows after the statement ran.
  void follow_rows(const sqlite_text::StatementTarget& target, std::string_view text,
                   const std::set<std::string>& tables_before,
                   std::vector<std::pair<std::string, std::string>>& renames) {
    if (target.verb == "CREATE" && target.kind == "TABLE") {
      const std::vector<std::string> words = words_of(text);
      rows_[lower(target.name)] = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return upper(w) == "SELECT";  // CREATE TABLE ... AS SELECT
      });
      return;
    }
    if (target.verb == "DROP" && target.kind == "TABLE") {
      rows_.erase(lower(target.name));
      return;
    }
    if (target.verb == "ALTER") {
      std::set<std::string> now = tables();
      std::vector<std::string> gone, added;
      std::set_difference(tables_before.begin(), tables_before.end(), now.begin(), now.end(), std::back_inserter(gone));
      std::set_difference(now.begin(), now.end(), tables_before.begin(), tables_before.end(),
                          std::back_inserter(added));
      if (gone.size() == 1 && added.size() == 1) {
        const std::string from = lower(gone.front()), to = lower(added.front());
        rows_[to] = rows_.contains(from) ? rows_[from] : true;
        rows_.erase(from);
        renames.emplace_back(gone.front(), added.front());
      }
      return;
    }
    // INSERT, REPLACE (and WITH ... INSERT): the table after INTO may hold rows now.
    const std::vector<std::string> words = words_of(text);
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
      if (upper(words[i]) == "INTO") {
        rows_[lower(words[i + 1])] = true;
        break;
      }
    }
  }

  sqlite3* db_;
  bool enforced_;
  bool in_transaction_;
  std::map<std::string, bool> rows_;  // lower-cased table -> may hold rows
};

}  // namespace

std::vector<PragmaUse> sqlite_pragmas(const SqlFile& sql, bool in_transaction) {
  std::vector<PragmaUse> out;
  const std::string& bytes = sql.file.bytes();
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      if (const std::optional<TransactionControl> control = transaction_control(s)) {
        if (control->change != 0) in_transaction = control->change > 0;
      } else if (s.first_word == "PRAGMA") {
        out.push_back(read_pragma(s, std::string_view(bytes).substr(s.begin, s.end - s.begin), in_transaction));
      }
    }
  }
  return out;
}

bool mentions_drop_table(const SqlFile& sql) {
  for (const SqlChunk& chunk : sql.sql().chunks) {
    for (const SqlStatement& s : chunk.statements) {
      if (s.first_word == "DROP" && s.second_word == "TABLE") return true;
    }
  }
  return false;
}

SqliteDropReport sqlite_table_drops(const Schema& before, const SqlFile& sql, bool enforced, bool in_transaction) {
  sqlite3* raw = nullptr;
  // One thread uses the connection: no lock around each of its calls (a tenth of a SQLite folder's run).
  int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  Db db(raw, sqlite3_close);
  if (rc != SQLITE_OK || sql.unreadable) {
    SqliteDropReport nothing;
    nothing.stopped_at = "the file could not be replayed";
    return nothing;
  }
  DropFinder finder(before, db.get(), enforced, in_transaction);
  return finder.run(sql);
}

}  // namespace miglint::schema
