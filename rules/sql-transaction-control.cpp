#include "safety_support.h"

namespace miglint {

namespace {

// The statement's name when it begins, ends or aborts a transaction; nullptr otherwise.
const char* control_statement(const SqlStatement& s) {
  if (s.kind == "TransactionStmt") {
    static const std::pair<const char*, const char*> kinds[] = {
        {"TRANS_STMT_BEGIN", "BEGIN"},       {"TRANS_STMT_START", "START TRANSACTION"},
        {"TRANS_STMT_COMMIT", "COMMIT"},     {"TRANS_STMT_ROLLBACK", "ROLLBACK"},
        {"TRANS_STMT_PREPARE", "PREPARE TRANSACTION"}, {"TRANS_STMT_COMMIT_PREPARED", "COMMIT PREPARED"},
        {"TRANS_STMT_ROLLBACK_PREPARED", "ROLLBACK PREPARED"}};
    for (const auto& [kind, name] : kinds) {
      if (s.tree.find(std::string("\"kind\":\"") + kind + "\"") != std::string::npos) return name;
    }
    return nullptr;  // savepoints are fine inside the migrator's transaction
  }
  const std::string& w = s.first_word;
  if (w == "BEGIN" || w == "COMMIT" || w == "END") return w == "BEGIN" ? "BEGIN" : w == "END" ? "END" : "COMMIT";
  if (w == "ROLLBACK" && s.second_word != "TO") return "ROLLBACK";
  if (w == "START" && s.second_word == "TRANSACTION") return "START TRANSACTION";
  return nullptr;
}

}  // namespace

void check_sql_transaction_control(const Context& ctx, Reporter& out) {
  // Only what migrate runs: a file no journal entry names never runs (sql-file-orphan says so).
  const safety::Run run(ctx);
  for (const SqlFile* file : run.in_order()) {
    const SqlFile& sql = *file;
    for (const SqlChunk& chunk : sql.sql().chunks) {
      for (const SqlStatement& s : chunk.statements) {
        const char* name = control_statement(s);
        if (!name) continue;
        out.report(sql.file.location(s.begin, s.begin + std::string_view(name).substr(0, std::string_view(name).find(' ')).size()),
                   std::string(name) +
                       ": drizzle's migrator already runs all pending migrations in one transaction, so this ends "
                       "or breaks it and the rest of the batch is no longer atomic",
                   sql.tag)
            .help = "Remove it. A statement that must run outside a transaction has to run outside drizzle's migrate.";
      }
    }
  }
}

}  // namespace miglint
