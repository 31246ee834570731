// Index keys as the model writes them (normalize.h): default operator classes left out, and a
// snapshot's key whose expression carries its own DESC, operator class or COLLATE split the way
// PostgreSQL's parser splits it.
#include <pg_query.h>

#include <algorithm>
#include <iterator>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include <fmt/core.h>

#include "schema/normalize.h"

namespace miglint::schema {

namespace {

// The operator classes PostgreSQL 15 marks as the default of their access method (pg_opclass
// where opcdefault), sorted. A name that is the default for one type is a default wherever
// PostgreSQL accepts it, since it only accepts it on that type or one binary-coercible to it.
constexpr std::string_view kBtreeDefaults[] = {
    "array_ops", "bit_ops", "bool_ops", "bpchar_ops", "bytea_ops", "char_ops", "date_ops", "enum_ops", "float4_ops",
    "float8_ops", "inet_ops", "int2_ops", "int4_ops", "int8_ops", "interval_ops", "jsonb_ops", "macaddr8_ops",
    "macaddr_ops", "money_ops", "multirange_ops", "name_ops", "numeric_ops", "oid_ops", "oidvector_ops", "pg_lsn_ops",
    "range_ops", "record_ops", "text_ops", "tid_ops", "time_ops", "timestamp_ops", "timestamptz_ops", "timetz_ops",
    "tsquery_ops", "tsvector_ops", "uuid_ops", "varbit_ops", "xid8_ops"};
constexpr std::string_view kHashDefaults[] = {
    "aclitem_ops", "array_ops", "bool_ops", "bpchar_ops", "bytea_ops", "char_ops", "cid_ops", "date_ops", "enum_ops",
    "float4_ops", "float8_ops", "inet_ops", "int2_ops", "int4_ops", "int8_ops", "interval_ops", "jsonb_ops",
    "macaddr8_ops", "macaddr_ops", "multirange_ops", "name_ops", "numeric_ops", "oid_ops", "oidvector_ops",
    "pg_lsn_ops", "range_ops", "record_ops", "text_ops", "tid_ops", "time_ops", "timestamp_ops", "timestamptz_ops",
    "timetz_ops", "uuid_ops", "xid8_ops", "xid_ops"};
constexpr std::string_view kGinDefaults[] = {"array_ops", "jsonb_ops", "tsvector_ops"};
constexpr std::string_view kGistDefaults[] = {"box_ops",   "circle_ops",  "multirange_ops", "point_ops",
                                                           "poly_ops",  "range_ops",   "tsquery_ops",    "tsvector_ops"};
constexpr std::string_view kSpgistDefaults[] = {"box_ops",   "inet_ops",  "poly_ops",
                                                             "quad_point_ops", "range_ops", "text_ops"};

template <std::size_t N>
bool listed(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

using Json = nlohmann::json;

const Json& member(const Json& node, const char* key) {
  static const Json none;
  if (!node.is_object()) return none;
  auto it = node.find(key);
  return it == node.end() ? none : *it;
}

std::string last_string(const Json& list) {
  if (!list.is_array() || list.empty()) return {};
  return member(member(list.back(), "String"), "sval").get<std::string>();
}

// The written key read back from its end, each step removing what the parse tree says is there.
class Tail {
 public:
  explicit Tail(std::string_view text) : text_(text) { trim(); }
  std::string_view rest() const { return text_; }

  bool word(std::string_view word) {
    if (text_.size() < word.size()) return false;
    std::string_view end = text_.substr(text_.size() - word.size());
    bool same = std::equal(end.begin(), end.end(), word.begin(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) == b;
    });
    if (!same) return false;
    if (text_.size() > word.size()) {
      char before = text_[text_.size() - word.size() - 1];
      if (std::isalnum(static_cast<unsigned char>(before)) || before == '_') return false;
    }
    text_.remove_suffix(word.size());
    trim();
    return true;
  }

  // A possibly qualified, possibly quoted name.
  bool name() {
    if (!name_part()) return false;
    while (!text_.empty() && text_.back() == '.') {
      text_.remove_suffix(1);
      trim();
      if (!name_part()) return false;
    }
    return true;
  }

 private:
  bool name_part() {
    if (text_.empty()) return false;
    if (text_.back() == '"') {
      std::size_t i = text_.size() - 1;
      while (i > 0) {
        --i;
        if (text_[i] != '"') continue;
        if (i > 0 && text_[i - 1] == '"') {
          --i;  // a doubled quote inside the name
          continue;
        }
        text_ = text_.substr(0, i);
        trim();
        return true;
      }
      return false;
    }
    std::size_t n = 0;
    while (n < text_.size()) {
      unsigned char c = static_cast<unsigned char>(text_[text_.size() - 1 - n]);
      if (!(std::isalnum(c) || c == '_' || c == '$' || c >= 0x80)) break;
      ++n;
    }
    if (n == 0) return false;
    text_.remove_suffix(n);
    trim();
    return true;
  }

  void trim() {
    while (!text_.empty() && std::isspace(static_cast<unsigned char>(text_.back()))) text_.remove_suffix(1);
  }

  std::string_view text_;
};

// The one IndexElem of CREATE INDEX ON t (<written>), or null.
Json index_element(std::string_view written) {
  if (written.find(';') != std::string_view::npos) return nullptr;
  const std::string statement = "CREATE INDEX ON t (" + std::string(written) + ")";
  PgQueryParseResult parsed = pg_query_parse(statement.c_str());
  Json elem;
  if (!parsed.error && parsed.parse_tree) {
    Json tree = Json::parse(parsed.parse_tree, nullptr, false);
    const Json& stmts = member(tree, "stmts");
    if (stmts.is_array() && stmts.size() == 1) {
      const Json& params = member(member(member(stmts[0], "stmt"), "IndexStmt"), "indexParams");
      if (params.is_array() && params.size() == 1) elem = member(params[0], "IndexElem");
    }
  }
  pg_query_free_parse_result(parsed);
  return elem.is_object() ? elem : Json(nullptr);
}

}  // namespace

bool is_default_operator_class(std::string_view opclass, std::string_view method) {
  if (method == "btree") return listed(kBtreeDefaults, opclass);
  if (method == "hash") return listed(kHashDefaults, opclass);
  if (method == "gin") return listed(kGinDefaults, opclass);
  if (method == "gist") return listed(kGistDefaults, opclass);
  if (method == "spgist") return listed(kSpgistDefaults, opclass);
  // BRIN's defaults are <type>_minmax_ops, and <type>_inclusion_ops for box, inet and ranges.
  if (method == "brin") {
    return (opclass.ends_with("_minmax_ops") && !opclass.ends_with("_minmax_multi_ops")) ||
           opclass == "box_inclusion_ops" || opclass == "inet_inclusion_ops" || opclass == "range_inclusion_ops";
  }
  return false;
}

std::string index_key_options(std::string_view opclass, std::string_view method, bool descending,
                              std::optional<bool> nulls_first) {
  std::string out;
  if (!opclass.empty() && !is_default_operator_class(opclass, method)) out += " " + std::string(opclass);
  if (descending) out += " desc";
  if (nulls_first && *nulls_first && !descending) out += " nulls first";
  if (nulls_first && !*nulls_first && descending) out += " nulls last";
  return out;
}

namespace {

std::optional<std::string> read_index_key(std::string_view key, std::string_view own_table, std::string_view method) {
  const Json elem = index_element(key);
  if (!elem.is_object() || member(elem, "opclassopts").is_array()) return std::nullopt;
  Tail tail(key);
  std::optional<bool> nulls_first;
  const std::string nulls = member(elem, "nulls_ordering").is_string() ? member(elem, "nulls_ordering").get<std::string>() : "";
  if (nulls == "SORTBY_NULLS_FIRST" || nulls == "SORTBY_NULLS_LAST") {
    if (!(tail.word("first") || tail.word("last")) || !tail.word("nulls")) return std::nullopt;
    nulls_first = nulls == "SORTBY_NULLS_FIRST";
  }
  bool descending = false;
  const std::string ordering = member(elem, "ordering").is_string() ? member(elem, "ordering").get<std::string>() : "";
  if (ordering == "SORTBY_DESC" || ordering == "SORTBY_ASC") {
    if (!tail.word(ordering == "SORTBY_DESC" ? "desc" : "asc")) return std::nullopt;
    descending = ordering == "SORTBY_DESC";
  } else if (ordering == "SORTBY_USING") {
    return std::nullopt;
  }
  std::string opclass = last_string(member(elem, "opclass"));
  if (!opclass.empty() && !tail.name()) return std::nullopt;
  std::transform(opclass.begin(), opclass.end(), opclass.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (member(elem, "collation").is_array() && (!tail.name() || !tail.word("collate"))) return std::nullopt;
  const std::string column = member(elem, "name").is_string() ? member(elem, "name").get<std::string>() : "";
  std::string out = column.empty() ? canonical_expression(tail.rest(), own_table) : column;
  return out + index_key_options(opclass, method, descending, nulls_first);
}

}  // namespace

std::optional<std::string> index_key_from_sql(std::string_view key, std::string_view own_table,
                                              std::string_view method) {
  // Each version of a table in a folder's snapshots has the same index keys: parsed once.
  thread_local std::unordered_map<std::string, std::optional<std::string>> memo;
  std::string memo_key = fmt::format("{}:{}{}:{}{}", method.size(), method, own_table.size(), own_table, key);
  if (auto hit = memo.find(memo_key); hit != memo.end()) return hit->second;
  if (memo.size() > 16384) memo.clear();  // bounded: an editor session lives long
  std::optional<std::string> value = read_index_key(key, own_table, method);
  memo.emplace(std::move(memo_key), value);
  return value;
}

}  // namespace miglint::schema
