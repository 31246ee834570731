#include "sql/analysis.h"

#include <pg_query.h>
#include <simdjson.h>

#include <cctype>
#include <map>
#include <string>

#include "core/utf8.h"
#include "sql/names.h"
#include "sql/pg_json.h"

namespace miglint {

namespace {

// libpg_query reports errors at a 1-based character position; the file needs bytes.
std::size_t byte_offset_of_character(std::string_view text, int character) {
  int seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_utf8_continuation(text[i]) && ++seen == character) return i;
  }
  return text.size();
}

bool starts_with_word(std::string_view text, std::size_t at, std::string_view word) {
  if (text.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[at + i])) != word[i]) return false;
  }
  return true;
}

// The statements of a DO body that is a plain block, as [begin, end) in the body: "BEGIN
// <statements> [EXCEPTION <handlers>] END", as older drizzle-kit versions wrapped each foreign key
// ("... EXCEPTION WHEN duplicate_object THEN null; END") and people write by hand. Whether they are
// plain SQL (no DECLARE, IF, LOOP...) shows when they are parsed.
std::optional<std::pair<std::size_t, std::size_t>> do_block_statements(std::string_view body) {
  std::size_t begin = body.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos || !starts_with_word(body, begin, "BEGIN")) return std::nullopt;
  begin += 5;
  std::size_t end = body.find_last_not_of(" \t\r\n;");
  if (end == std::string_view::npos || end < begin + 3 || !starts_with_word(body, end - 2, "END")) return std::nullopt;
  end -= 2;
  if (const std::size_t handler = body.rfind("EXCEPTION", end); handler != std::string_view::npos && handler > begin) {
    end = handler;
  }
  return std::pair{begin, end};
}

// Where a DoStmt's body lies in the file, when it is written $tag$ ... $tag$ (a quoted body would
// not map byte for byte).
std::optional<std::pair<std::size_t, std::size_t>> do_body(std::string_view file, std::size_t chunk_begin,
                                                           std::size_t statement_end, simdjson::dom::element node) {
  simdjson::dom::array args;
  if (node["args"].get_array().get(args)) return std::nullopt;
  for (simdjson::dom::element arg : args) {
    std::string_view name, body;
    int64_t at = 0;
    if (arg["DefElem"]["defname"].get_string().get(name) || name != "as" ||
        arg["DefElem"]["arg"]["String"]["sval"].get_string().get(body) ||
        arg["DefElem"]["location"].get_int64().get(at)) {
      continue;
    }
    const std::size_t quote = chunk_begin + static_cast<std::size_t>(at);
    if (quote >= file.size() || file[quote] != '$') return std::nullopt;
    const std::size_t tag_end = file.find('$', quote + 1);
    if (tag_end == std::string_view::npos || tag_end + 1 + body.size() > statement_end ||
        file.substr(tag_end + 1, body.size()) != body) {
      return std::nullopt;
    }
    return std::pair{tag_end + 1, tag_end + 1 + body.size()};
  }
  return std::nullopt;
}

// Parses file[begin, end) and appends its statements; returns the error, if any.
std::optional<SqlSyntaxError> parse_statements(std::string_view file, std::size_t begin, std::size_t end,
                                               std::vector<SqlStatement>& out, simdjson::dom::parser& json) {
  std::string text(file.substr(begin, end - begin));
  PgQueryParseResult result = pg_query_parse(text.c_str());
  if (result.error) {
    int position = result.error->cursorpos > 0 ? result.error->cursorpos : 1;
    std::string message = result.error->message;
    for (char& c : message) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';  // it quotes the statement; findings are one line
    }
    pg_query_free_parse_result(result);
    return SqlSyntaxError{begin + byte_offset_of_character(text, position), message};
  }
  simdjson::dom::element root;
  std::string tree = result.parse_tree;
  pg_query_free_parse_result(result);
  if (json.parse(tree).get(root)) return std::nullopt;
  simdjson::dom::array stmts;
  if (root["stmts"].get_array().get(stmts)) return std::nullopt;  // no statements: blank
  const std::vector<std::string_view> trees = statement_trees(tree);
  const bool sliced = trees.size() == stmts.size();
  struct DoBody {
    std::size_t statement;  // index in out
    std::size_t begin;      // the body, in bytes of the file
    std::size_t end;
  };
  std::vector<DoBody> do_bodies;
  const std::size_t first = out.size();
  for (simdjson::dom::element raw : stmts) {
    // Absent when zero: the first statement starts the chunk, the last runs to its end.
    int64_t location = 0, length = 0;
    if (auto r = raw["stmt_location"].get_int64(); !r.error()) location = r.value_unsafe();
    if (auto r = raw["stmt_len"].get_int64(); !r.error()) length = r.value_unsafe();
    SqlStatement s;
    s.end = length > 0 ? begin + static_cast<std::size_t>(location + length) : end;
    // The parser's statement starts right after the previous ';': point at its first word instead.
    s.begin = skip_blank(file, begin + static_cast<std::size_t>(location), s.end, SqlFlavor::Postgres);
    simdjson::dom::object node;
    if (!raw["stmt"].get_object().get(node)) {
      for (auto field : node) {
        s.kind = std::string(field.key);
        s.tree = sliced ? std::string(trees[out.size() - first]) : simdjson::minify(field.value);
        std::string_view name, schema;
        if (!field.value["relation"]["relname"].get_string().get(name)) {
          if (field.value["relation"]["schemaname"].get_string().get(schema)) schema = {};
          s.relation = table_key(schema, name);
        }
        if (s.kind == "DoStmt") {
          if (auto body = do_body(file, begin, s.end, field.value)) {
            do_bodies.push_back({out.size(), body->first, body->second});
          }
        }
        break;
      }
    }
    out.push_back(std::move(s));
  }
  // Parsed once the outer tree is no longer read: the JSON parser's buffer is reused.
  for (const DoBody& d : do_bodies) {
    const auto inner = do_block_statements(file.substr(d.begin, d.end - d.begin));
    if (!inner) continue;
    std::vector<SqlStatement> nested;
    if (!parse_statements(file, d.begin + inner->first, d.begin + inner->second, nested, json)) {
      out[d.statement].nested = std::move(nested);
    }
  }
  return std::nullopt;
}

void parse_postgres(std::string_view file, SqlChunk& chunk, simdjson::dom::parser& json) {
  chunk.syntax_error = parse_statements(file, chunk.begin, chunk.end, chunk.statements, json);
}

// What each statement's table went through earlier in the same file: created (so it is new to
// the transaction and unseen by others), maybe only "IF NOT EXISTS", maybe filled since.
void note_table_history(std::vector<SqlChunk>& chunks) {
  struct History {
    bool if_not_exists = false;
    bool filled = false;
  };
  std::map<std::string, History> created;
  auto note = [&](SqlStatement& s) {
    const auto known = created.find(s.relation);
    if (!s.relation.empty() && known != created.end()) {
      s.relation_created_earlier = true;
      s.relation_created_if_not_exists = known->second.if_not_exists;
      s.relation_filled = known->second.filled;
      if (s.kind == "InsertStmt" || s.kind == "CopyStmt") known->second.filled = true;
      if (s.kind == "RenameStmt" && s.tree.find("\"renameType\":\"OBJECT_TABLE\"") != std::string::npos) {
        created[renamed_table_key(s.relation, s.parsed().value("newname", std::string()))] = known->second;
      }
    }
    if (s.kind == "CreateStmt" && !s.relation.empty() && !created.count(s.relation)) {
      created[s.relation].if_not_exists = s.tree.find("\"if_not_exists\":true") != std::string::npos;
    }
  };
  for (SqlChunk& chunk : chunks) {
    for (SqlStatement& s : chunk.statements) {
      note(s);
      for (SqlStatement& inner : s.nested) note(inner);
    }
  }
}

}  // namespace

const nlohmann::json& SqlStatement::parsed() const {
  if (!parsed_) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    parsed_ = parser.parse(tree).get(root) ? nlohmann::json::object() : to_nlohmann(root);
  }
  return *parsed_;
}

std::optional<TransactionControl> transaction_control(const SqlStatement& s) {
  if (s.kind == "TransactionStmt") {
    struct Kind {
      const char* node;  // libpg_query's TransactionStmtKind
      TransactionControl control;
    };
    static const Kind kinds[] = {{"TRANS_STMT_BEGIN", {"BEGIN", +1}},
                                 {"TRANS_STMT_START", {"START TRANSACTION", +1}},
                                 {"TRANS_STMT_COMMIT", {"COMMIT", -1}},
                                 {"TRANS_STMT_ROLLBACK", {"ROLLBACK", -1}},
                                 {"TRANS_STMT_PREPARE", {"PREPARE TRANSACTION", 0}},
                                 {"TRANS_STMT_COMMIT_PREPARED", {"COMMIT PREPARED", 0}},
                                 {"TRANS_STMT_ROLLBACK_PREPARED", {"ROLLBACK PREPARED", 0}}};
    for (const Kind& k : kinds) {
      if (s.tree.find(std::string("\"kind\":\"") + k.node + "\"") != std::string::npos) return k.control;
    }
    return std::nullopt;  // savepoints are fine inside the migrator's transaction
  }
  const std::string& w = s.first_word;  // other dialects, as the lexer saw them
  if (w == "BEGIN") return TransactionControl{"BEGIN", +1};
  if (w == "START" && s.second_word == "TRANSACTION") return TransactionControl{"START TRANSACTION", +1};
  if (w == "COMMIT") return TransactionControl{"COMMIT", -1};
  if (w == "END") return TransactionControl{"END", -1};
  if (w == "ROLLBACK" && s.second_word != "TO") return TransactionControl{"ROLLBACK", -1};
  return std::nullopt;
}

SqlAnalysis analyze_sql(std::string_view text, SqlFlavor flavor) {
  SqlAnalysis a;
  // Exactly the runtime's query.split('--> statement-breakpoint').
  std::size_t begin = 0;
  for (;;) {
    std::size_t at = text.find(kBreakpoint, begin);
    std::size_t end = at == std::string_view::npos ? text.size() : at;
    SqlChunk chunk;
    chunk.begin = begin;
    chunk.end = end;
    a.chunks.push_back(chunk);
    if (at == std::string_view::npos) break;
    begin = at + kBreakpoint.size();
  }
  // A breakpoint the runtime splits on although it sits inside a string, identifier or comment.
  std::vector<QuotedSpan> spans = quoted_spans(text, flavor);
  for (std::size_t i = 0, k = 0; i + 1 < a.chunks.size(); ++i) {
    std::size_t at = a.chunks[i].end;
    while (k < spans.size() && spans[k].end <= at) ++k;
    // A breakpoint opens a line comment of its own; one inside another span is hidden there. At the
    // very end of a line comment it cuts nothing: the rest of that comment is empty.
    if (k < spans.size() && spans[k].begin < at) {
      if (spans[k].kind == QuotedSpan::Kind::LineComment &&
          text.substr(at + kBreakpoint.size(), spans[k].end - at - kBreakpoint.size()).find_first_not_of(" \t\r") ==
              std::string_view::npos) {
        continue;
      }
      a.hidden_breakpoints.push_back({at, spans[k]});
    }
  }
  simdjson::dom::parser json;
  for (SqlChunk& chunk : a.chunks) {
    std::string_view piece = text.substr(chunk.begin, chunk.end - chunk.begin);
    if (flavor == SqlFlavor::Postgres) {
      // Comments go to the parser too: an unterminated /* is an error there, not an empty statement.
      if (piece.find_first_not_of(" \t\r\n") != std::string_view::npos) parse_postgres(text, chunk, json);
      chunk.blank = !chunk.syntax_error && chunk.statements.empty();
      continue;
    }
    for (const LexedStatement& lexed : lex_statements(piece, flavor)) {
      SqlStatement s;
      s.begin = chunk.begin + lexed.begin;
      s.end = chunk.begin + lexed.end;
      s.first_word = lexed.first_word;
      s.second_word = lexed.second_word;
      chunk.statements.push_back(std::move(s));
    }
    chunk.blank = chunk.statements.empty();
  }
  note_table_history(a.chunks);
  a.suppressions = find_suppressions(text, a.chunks);
  return a;
}

}  // namespace miglint
