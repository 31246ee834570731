#include <algorithm>
#include <cctype>

#include "engine/rule_api.h"

namespace miglint {

namespace {

bool is_control_tree(const SqlStatement& s) {
  if (s.kind != "TransactionStmt") return false;
  for (const char* kind : {"TRANS_STMT_BEGIN", "TRANS_STMT_START", "TRANS_STMT_COMMIT", "TRANS_STMT_ROLLBACK",
                           "TRANS_STMT_PREPARE", "TRANS_STMT_COMMIT_PREPARED", "TRANS_STMT_ROLLBACK_PREPARED"}) {
    if (s.tree.find(std::string("\"kind\":\"") + kind + "\"") != std::string::npos) return true;
  }
  return false;
}

bool is_control_word(std::string word) {
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return word == "BEGIN" || word == "COMMIT" || word == "ROLLBACK" || word == "START" || word == "END";
}

}  // namespace

void check_sql_transaction_control(const Context& ctx, Reporter& out) {
  const char* help =
      "Remove it: drizzle's migrator already runs every pending migration in one transaction. For a statement that "
      "must run outside a transaction, run it yourself outside drizzle's migrate.";
  const std::string effect =
      ": drizzle's migrator already wraps all pending migrations in one transaction, so this ends or breaks it and "
      "the rest of the batch is no longer atomic";
  for (const SqlFile& sql : ctx.folder.sql_files) {
    for (const SqlChunk& chunk : sql.sql.chunks) {
      for (const SqlStatement& s : chunk.statements) {
        if (is_control_tree(s)) out.report(sql.file.location(s.begin, s.begin + 1), "transaction control" + effect, sql.tag).help = help;
      }
      for (const std::string& word : chunk.keywords) {
        if (is_control_word(word)) {
          out.report(sql.file.location(chunk.begin, chunk.end), word + " (transaction control)" + effect, sql.tag).help = help;
        }
      }
    }
  }
}

}  // namespace miglint
