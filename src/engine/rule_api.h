// The only header a rule includes: what it may read and how it reports.
// Rules never format output and never name another rule.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "db/database.h"
#include "db/reconcile.h"
#include "load/committed_folder.h"
#include "load/model.h"
#include "schema/history.h"
#include "schema/table_origins.h"

namespace miglint {

struct RuleMeta {
  std::string_view name;  // kebab-case, stable: used by --select, config and suppressions
  std::string_view group;  // e.g. "safety": selects all its rules; shown by `miglint rules` and SARIF
  Severity default_severity;
  std::string_view summary;  // one line, for `miglint rules` and SARIF
};

// A group of rules, as rules.def lists them.
struct RuleGroup {
  std::string_view name;
  std::string_view summary;  // what its rules judge
};

inline constexpr unsigned kEveryLayout = ~0u;  // RuleInfo::layouts: Layout bits (load/model.h)
inline constexpr unsigned kEveryDialect = ~0u;
inline constexpr unsigned dialect_bit(Dialect d) { return 1u << static_cast<unsigned>(d); }

// The database side, present only when a database was asked for.
struct DatabaseCheck {
  DatabaseState state;
  Reconciliation reconciliation;  // points into state: moving is fine, copying is not
  DatabaseCheck(DatabaseState s, Reconciliation r) : state(std::move(s)), reconciliation(std::move(r)) {}
  DatabaseCheck(DatabaseCheck&&) = default;
  DatabaseCheck& operator=(DatabaseCheck&&) = default;
  DatabaseCheck(const DatabaseCheck&) = delete;
  DatabaseCheck& operator=(const DatabaseCheck&) = delete;
};

// How much one suppression comment silenced, rule by rule (known once the other rules ran).
struct SuppressionUse {
  const SqlFile* file = nullptr;
  const Suppression* suppression = nullptr;
  std::vector<std::size_t> silenced;  // per name in suppression->rules
  std::vector<bool> known;            // the name is a rule
  std::vector<bool> judged;           // the rule ran, so "silenced nothing" means something
};

// The folder's schema history (schema/history.h), and what it says of each statement's table
// (schema/table_origins.h), each built the first time a rule asks for it, once per run.
class LazySchemaHistory {
 public:
  explicit LazySchemaHistory(const Folder& folder) : folder_(folder) {}
  const schema::SchemaHistory& get() const {
    if (!history_) history_ = schema::SchemaHistory::build(folder_);
    return *history_;
  }
  // The database, if any, says which migrations the next migrate() runs together; it is the same
  // for every rule of a run.
  const schema::TableOrigins& table_origins(const DatabaseCheck* database) const {
    if (!origins_) {
      std::vector<const SqlFile*> in_order, pending;
      for (const Migration& m : folder_.migrations) {
        if (m.sql && !m.sql->unreadable) in_order.push_back(m.sql);
      }
      if (database) {
        for (const LocalMigration& m : database->reconciliation.local) {
          const SqlFile* sql = m.migration->sql;
          if (m.state == MigrationState::Pending && sql && !sql->unreadable) pending.push_back(sql);
        }
      }
      origins_ = std::make_unique<schema::TableOrigins>(schema::TableOrigins::build(get(), in_order, pending));
    }
    return *origins_;
  }

 private:
  const Folder& folder_;
  mutable std::unique_ptr<schema::SchemaHistory> history_;
  mutable std::unique_ptr<schema::TableOrigins> origins_;
};

// Everything a rule may read; nothing it may change.
struct Context {
  const Folder& folder;
  const DatabaseCheck* database = nullptr;  // never null for a rule flagged needs_database: the engine runs it only with one
  const std::vector<SuppressionUse>* suppressions = nullptr;  // only for rules that run after suppressions
  const LazySchemaHistory* schema_history = nullptr;  // always set by the engine
  const CommittedFolder* committed = nullptr;  // the folder at --since REF; never null for a rule flagged needs_history
  // The schema each migration leaves, by snapshot and by replayed SQL (rules flagged reads_schema).
  const schema::SchemaHistory& schema() const { return schema_history->get(); }
  // Whether the table a statement touches was there before this migrate() run or made by it, and
  // filled since: from the same replay, for the safety rules (rules flagged reads_schema).
  const schema::TableOrigins& tables() const { return schema_history->table_origins(database); }
};

// Collects one rule's findings; the engine stamps the rule name and severity.
class Reporter {
 public:
  // per_file: how many findings of each file are kept (core/finding_cap.h); those past it are
  // only counted, so a pathological file costs no memory for them.
  explicit Reporter(std::vector<Finding>& sink, std::size_t per_file = SIZE_MAX) : sink_(sink), per_file_(per_file) {}
  // The returned finding may be completed (help) until the next report.
  // migration: the tag of the migration concerned, if any.
  Finding& report(Location where, std::string message, std::string migration = {});
  // For rules whose severity depends on what they found; configuration still wins.
  Finding& report_as(Severity severity, Location where, std::string message, std::string migration = {});
  // `count` findings that an input's reader already left out past the per-file cap (the first at
  // `where`): counted as if reported after every other finding of this rule in that file, whatever
  // per_file is, so the summary says the same as if each had been reported.
  void report_left_out(Location where, std::string message, std::size_t count, std::string migration = {});
  // Severities chosen with report_as, by finding index.
  const std::vector<std::optional<Severity>>& chosen_severities() const { return chosen_; }

  // Per file past the cap: the first finding left out, how many were, and the most severe
  // severity chosen for them.
  struct LeftOut {
    Finding first;
    std::size_t count = 0;
    std::optional<Severity> chosen;
  };
  std::vector<LeftOut>& left_out() { return left_out_; }

 private:
  std::vector<Finding>& sink_;
  std::vector<std::optional<Severity>> chosen_;
  std::size_t per_file_;
  std::map<std::string, std::size_t, std::less<>> kept_;   // by file
  std::map<std::string, std::size_t, std::less<>> where_left_;  // file -> index in left_out_
  std::vector<LeftOut> left_out_;
  LeftOut* last_left_ = nullptr;  // set when the last report was left out
  Finding scratch_;               // what a left-out report fills in
};

using CheckFn = void (*)(const Context&, Reporter&);

struct RuleInfo {
  RuleMeta meta;
  CheckFn check;
  std::string_view documentation;  // the rule's Markdown page
  bool after_suppressions = false;  // runs once the other rules' findings were suppressed
  bool reads_sql = false;           // reads the SQL files' statements
  bool reads_schema = false;        // reads Context::schema() (and so the statements too)
  bool needs_database = false;      // judges the database; runs only when one was asked for
  bool needs_history = false;       // judges what changed since --since REF; runs only with it
  bool needs_target = false;        // judges the upgrade to Drizzle Kit 1.0; runs only with --target 1.0
  unsigned dialects = kEveryDialect;  // dialect_bit()s of the folders it judges
  unsigned layouts = kEveryLayout;    // Layout bits of the folders it judges
};

}  // namespace miglint
