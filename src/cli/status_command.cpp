// miglint status: one row per local migration and per recorded row that matches none.
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include <fmt/core.h>

#include "cli/commands.h"
#include "core/js_number_to_string.h"
#include "schema/pending_check.h"

namespace miglint {

namespace {

struct StatusRow {
  std::string idx;         // "" for rows that match no local migration
  std::string tag;
  std::optional<double> when;
  std::string hash;        // short
  bool recorded = false;
  std::string state;
  std::string fails_at;    // an object that makes the next migrate fail on this migration, if any
  bool out_of_order = false;  // 1.0: pending, yet sorting before a recorded name
};

const char* state_name(MigrationState s) {
  switch (s) {
    case MigrationState::Applied: return "applied";
    case MigrationState::Edited: return "edited";
    case MigrationState::Pending: return "pending";
    case MigrationState::Skipped: return "will-be-skipped";
  }
  return "pending";
}

// Pending migrations whose objects the database already holds (push, or SQL run by hand).
std::map<const Migration*, schema::PendingVerdict> pending_in_schema(const Folder& folder, const DatabaseCheck& db) {
  std::map<const Migration*, schema::PendingVerdict> states;
  if (!db.state.live_schema) return states;
  std::vector<const Migration*> pending;
  for (const LocalMigration& m : db.reconciliation.local) {
    if (m.state == MigrationState::Pending) pending.push_back(m.migration);
  }
  for (const schema::PendingVerdict& v : schema::judge_pending(folder, *db.state.live_schema, pending)) {
    states[v.migration] = v;
  }
  return states;
}

std::vector<StatusRow> status_rows(const Folder& folder, const DatabaseCheck& db) {
  std::vector<StatusRow> rows;
  const auto in_schema = pending_in_schema(folder, db);
  for (const LocalMigration& m : db.reconciliation.local) {
    StatusRow row;
    row.idx = m.idx() ? std::to_string(*m.idx()) : "";
    row.tag = m.name();
    row.when = m.when();
    row.hash = m.hash.substr(0, 12);
    row.recorded = m.row != nullptr;
    row.state = state_name(m.state);
    row.out_of_order = m.out_of_order;
    if (auto it = in_schema.find(m.migration); it != in_schema.end()) {
      row.state = schema::pending_state_name(it->second.state);
      if (it->second.failing_statement && it->second.failure_is_existing) row.fails_at = it->second.failing_object;
    }
    rows.push_back(std::move(row));
  }
  for (const AppliedRow* unknown : db.reconciliation.unknown) {
    rows.push_back({"", unknown->name ? *unknown->name + " (not in this folder)" : "(not in this folder)",
                    unknown->created_at, unknown->hash.substr(0, 12), true, "missing-locally", "", false});
  }
  return rows;
}

// A whole number of milliseconds as an integer, anything else (1.5, 1e308) as the number it is.
nlohmann::ordered_json when_value(double when) {
  if (std::fabs(when) < 9e15 && when == std::floor(when)) return static_cast<long long>(when);
  return when;
}

std::string utc_of(std::optional<double> when) {
  if (!when) return "-";
  std::string described = describe_when(*when);
  auto open = described.find(" (");
  return open == std::string::npos ? described : described.substr(open + 2, described.size() - open - 3);
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

// drizzle-orm 1.0: how the table is matched, and what the first migrate does to a 0.x table.
void print_v1_summary(const DatabaseCheck& db) {
  const Reconciliation& r = db.reconciliation;
  if (!r.upgrade) {
    std::cout << "\ndrizzle-orm 1.0 matches migrations by name. ";
    return;
  }
  std::cout << "\nThe table has drizzle-orm 0.x's shape (id, hash, created_at): the next migrate (drizzle-orm 1.0) first "
               "adds the columns name and applied_at, and names each row after the migration it matches";
  for (const TableUpgrade::Named& named : r.upgrade->named) {
    std::cout << fmt::format("{}id {} as {} (by {})", &named == &r.upgrade->named.front() ? ": " : ", ",
                             named.row->id.empty() ? "NULL" : named.row->id, r.local[named.local].name(),
                             named.by == TableUpgrade::Match::BySecond ? "second" : "hash");
  }
  std::cout << ".\n";
  if (!r.upgrade->unmatched.empty()) {
    std::cout << fmt::format("{} row{} match{} no local migration (", r.upgrade->unmatched.size(),
                             r.upgrade->unmatched.size() == 1 ? "" : "s", r.upgrade->unmatched.size() == 1 ? "es" : "");
    for (const AppliedRow* row : r.upgrade->unmatched) {
      std::cout << (row == r.upgrade->unmatched.front() ? "" : "; ") << "id " << (row->id.empty() ? "NULL" : row->id)
                << ", created_at " << (row->created_at_text.empty() ? "NULL" : row->created_at_text);
    }
    std::cout << "). ";
  }
}

void print_text(const Folder& folder, const DatabaseCheck& db, const std::vector<StatusRow>& rows) {
  std::cout << folder.display_path << " against " << db.state.description << ", table " << db.state.qualified_table()
            << (db.state.table_found ? "" : " (absent)") << "\n\n";
  std::size_t tag_width = 4;
  for (const auto& r : rows) tag_width = std::max(tag_width, r.tag.size());
  std::cout << pad("idx", 5) << pad("tag", tag_width + 2) << pad("when", 16) << pad("when (UTC)", 25) << pad("hash", 14)
            << pad("recorded", 10) << "state\n";
  for (const auto& r : rows) {
    const std::string when = r.when ? js_number_to_string(*r.when) : "-";
    std::cout << pad(r.idx.empty() ? "-" : r.idx, 5) << pad(r.tag, tag_width + 2) << pad(when, 16)
              << pad(utc_of(r.when), 25) << pad(r.hash.empty() ? "-" : r.hash, 14) << pad(r.recorded ? "yes" : "no", 10)
              << r.state << (r.out_of_order ? " (out of order)" : "") << "\n";
  }
  std::size_t pending = 0, skipped = 0;
  const StatusRow* failing = nullptr;
  for (const auto& r : rows) {
    pending += r.state == "pending" || r.state == "in schema" || r.state == "partly in schema";
    skipped += r.state == "will-be-skipped";
    if (!failing && !r.fails_at.empty()) failing = &r;
  }
  const Reconciliation& r = db.reconciliation;
  if (r.by_name) {
    print_v1_summary(db);
  } else {
    std::cout << "\nNewest recorded created_at: "
              << (r.watermark ? describe_when(*r.watermark) : std::string("none")) << ". ";
  }
  if (r.upgrade && !r.upgrade->unmatched.empty()) {
    std::cout << "The next migrate throws while upgrading the table and applies nothing.\n";
    return;
  }
  if (failing) {
    std::cout << fmt::format("The next migrate fails on {}, whose {} already exists, and applies nothing",
                             failing->tag, failing->fails_at);
  } else {
    std::cout << "The next migrate applies " << pending << " migration" << (pending == 1 ? "" : "s");
  }
  if (skipped) std::cout << " and silently skips " << skipped;
  std::cout << ".\n";
}

void print_json(const Folder& folder, const DatabaseCheck& db, const std::vector<StatusRow>& rows) {
  using json = nlohmann::ordered_json;
  json migrations = json::array();
  for (const auto& r : rows) {
    migrations.push_back({{"idx", r.idx.empty() ? json(nullptr) : json(std::stoll(r.idx))},
                          {"tag", r.idx.empty() && r.state == "missing-locally" ? json(nullptr) : json(r.tag)},
                          {"when", r.when ? when_value(*r.when) : json(nullptr)},
                          {"when_utc", r.when ? json(utc_of(r.when)) : json(nullptr)},
                          {"hash", r.hash},
                          {"recorded", r.recorded},
                          {"state", r.state}});
    if (r.out_of_order) migrations.back()["out_of_order"] = true;
  }
  json doc = {{"version", 1},
              {"folder", folder.display_path},
              {"database", db.state.description},
              {"table", db.state.qualified_table()},
              {"table_found", db.state.table_found},
              {"watermark", db.reconciliation.watermark ? json(static_cast<long long>(*db.reconciliation.watermark))
                                                        : json(nullptr)},
              {"migrations", std::move(migrations)}};
  if (db.reconciliation.by_name) doc["table_shape"] = db.state.table_found && !db.state.table_has_name ? "0.x" : "1.0";
  if (const auto& upgrade = db.reconciliation.upgrade) {
    json named = json::array(), unmatched = json::array();
    for (const TableUpgrade::Named& n : upgrade->named) {
      named.push_back({{"id", n.row->id}, {"name", db.reconciliation.local[n.local].name()},
                       {"by", n.by == TableUpgrade::Match::BySecond ? "second" : "hash"}});
    }
    for (const AppliedRow* row : upgrade->unmatched) unmatched.push_back(row->id);
    doc["upgrade"] = {{"throws", !upgrade->unmatched.empty()}, {"named", named}, {"unmatched_ids", unmatched}};
  }
  std::cout << doc.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace

int run_status(const Options& o) {
  return with_database(o, [&](const Folder& folder, const DatabaseCheck& db) {
    std::vector<StatusRow> rows = status_rows(folder, db);
    if (o.format == Format::Json) print_json(folder, db, rows);
    else print_text(folder, db, rows);
    return kExitClean;
  });
}

}  // namespace miglint
