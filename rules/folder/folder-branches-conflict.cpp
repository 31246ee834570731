// Branches that do not commute, judged as drizzle-kit 1.0.0-rc.5's `check` judges them (its
// `generate` runs the same check and refuses to write the merge migration):
// - PostgreSQL: every pair of heads. Each side's branch is the migrations in its head's history but
//   not the other's; each migration's snapshot lists footprints (a statement type and target, and
//   the nodes it writes, reads and "shared-writes"). Two branches conflict when a node one writes
//   (or shared-writes) is one the other writes or reads, unless both statements are the same
//   idempotent change (same type and same sqlHash).
// - SQLite and MySQL: every parent with several children whose sets of heads are disjoint. Each
//   head's change is the diff of the parent's snapshot to the head's (the dialect's diff without
//   renames: a rename is a drop and a create); each resulting statement names its object (a table,
//   a table's column or index, a view) and the statement types that conflict with it there.
// SingleStore (and every other dialect) has no such check in drizzle-kit: nothing is said here.
// The snapshots are read again here, only when the folder has several heads.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "engine/rule_api.h"
#include "load/safe_read.h"
#include "folder/branch_changes.h"

namespace miglint {

namespace {

namespace dom = simdjson::dom;
using branches::Change;
using branches::MysqlDdl;
using branches::SqliteDdl;

// The folder's snapshots as drizzle-kit's check sees them: one per id, in name order.
class Graph {
 public:
  explicit Graph(const Folder& folder) {
    for (const Snapshot& s : folder.snapshots) {
      if (!s.id || s.unreadable || s.invalid_json || !by_id_.emplace(s.id->value, &s).second) continue;
      nodes_.push_back(&s);
    }
    std::set<std::string> parents;
    for (const Snapshot* s : nodes_) {
      for (const auto& p : s->prev_ids) {
        if (!children_.count(p.value)) parent_order_.push_back(p.value);
        children_[p.value].push_back(s);
        parents.insert(p.value);
      }
    }
    for (const Snapshot* s : nodes_) {
      if (!parents.count(s->id->value)) heads_.push_back(s);
    }
  }
  const std::vector<const Snapshot*>& nodes() const { return nodes_; }
  const std::vector<const Snapshot*>& heads() const { return heads_; }
  const std::vector<std::string>& parents() const { return parent_order_; }
  const std::vector<const Snapshot*>& children_of(const std::string& id) const { return children_.at(id); }
  const Snapshot* find(const std::string& id) const {
    auto found = by_id_.find(id);
    return found == by_id_.end() ? nullptr : found->second;
  }

  // The ids of s and of every snapshot it descends from that the folder holds.
  const std::set<std::string>& history(const Snapshot& s) {
    auto& cached = histories_[s.id->value];
    if (!cached.empty()) return cached;
    std::vector<const Snapshot*> stack = {&s};
    while (!stack.empty()) {
      const Snapshot* at = stack.back();
      stack.pop_back();
      if (!cached.insert(at->id->value).second) continue;
      for (const auto& p : at->prev_ids) {
        if (const Snapshot* parent = find(p.value)) stack.push_back(parent);
      }
    }
    return cached;
  }

  // The heads reached from s through its children.
  std::vector<const Snapshot*> heads_from(const Snapshot& s) const {
    std::vector<const Snapshot*> out, stack = {&s};
    std::set<const Snapshot*> seen;
    while (!stack.empty()) {
      const Snapshot* at = stack.back();
      stack.pop_back();
      if (!seen.insert(at).second) continue;
      auto kids = children_.find(at->id->value);
      if (kids == children_.end()) out.push_back(at);
      else stack.insert(stack.end(), kids->second.begin(), kids->second.end());
    }
    return out;
  }

  // The latest snapshot both descend from: of their common ancestors none of whose children is
  // one too, the one with the longest history.
  const Snapshot* fork_of(const Snapshot& a, const Snapshot& b) {
    std::set<std::string> common;
    const std::set<std::string>& hb = history(b);
    for (const std::string& id : history(a)) {
      if (hb.count(id)) common.insert(id);
    }
    const Snapshot* best = nullptr;
    std::size_t best_size = 0;
    for (const std::string& id : common) {
      auto kids = children_.find(id);
      const bool latest = kids == children_.end() || std::none_of(kids->second.begin(), kids->second.end(), [&](const Snapshot* k) {
                            return common.count(k->id->value) > 0;
                          });
      if (!latest) continue;
      const std::size_t size = history(*find(id)).size();
      if (size > best_size) best = find(id), best_size = size;
    }
    return best;
  }

 private:
  std::vector<const Snapshot*> nodes_, heads_;
  std::map<std::string, const Snapshot*> by_id_;
  std::map<std::string, std::vector<const Snapshot*>> children_;
  std::vector<std::string> parent_order_;
  std::map<std::string, std::set<std::string>> histories_;
};

struct Conflict {
  const Snapshot* head_a = nullptr;
  const Snapshot* head_b = nullptr;
  const Snapshot* fork = nullptr;
  Change a, b;  // a on head_a's branch, b on head_b's
  std::string object;  // what both touch
};

// Reads each snapshot once, keeping what the dialect's check compares.
class SnapshotReader {
 public:
  explicit SnapshotReader(const Folder& folder) : folder_(folder) {}
  template <typename T, typename Extract>
  const T& read(const Snapshot& s, std::map<const Snapshot*, T>& cache, Extract extract) {
    auto found = cache.find(&s);
    if (found != cache.end()) return found->second;
    T value{};
    auto bytes = read_file_within(folder_.path, folder_.path / s.relative_path, folder_.overlay);
    dom::element root;
    if (auto* text = std::get_if<std::string>(&bytes); text && !parser_.parse(*text).get(root)) value = extract(root);
    return cache.emplace(&s, std::move(value)).first->second;
  }

 private:
  const Folder& folder_;
  dom::parser parser_;
};

std::vector<Conflict> postgres_conflicts(Graph& graph, SnapshotReader& reader) {
  std::map<const Snapshot*, std::vector<Change>> footprints;
  std::vector<Conflict> out;
  const auto& heads = graph.heads();
  for (std::size_t i = 0; i < heads.size(); ++i) {
    for (std::size_t j = i + 1; j < heads.size(); ++j) {
      const std::set<std::string> hx = graph.history(*heads[i]), hy = graph.history(*heads[j]);
      std::vector<Change> x, y;
      for (const Snapshot* s : graph.nodes()) {
        const bool in_x = hx.count(s->id->value) > 0, in_y = hy.count(s->id->value) > 0;
        if (in_x == in_y) continue;
        const auto& changes = reader.read(*s, footprints, [s](dom::element root) { return branches::footprints_of(*s, root); });
        (in_x ? x : y).insert((in_x ? x : y).end(), changes.begin(), changes.end());
      }
      auto clash = branches::footprint_clash(x, y);
      bool swapped = false;
      if (!clash) clash = branches::footprint_clash(y, x), swapped = true;
      if (!clash) continue;
      auto [first, second, node] = *clash;
      Conflict c{heads[i], heads[j], graph.fork_of(*heads[i], *heads[j]), swapped ? *second : *first,
                 swapped ? *first : *second, node};
      out.push_back(std::move(c));
    }
  }
  return out;
}

// DDL_OF reads a snapshot's ddl, DIFF lists the statements from one ddl to another.
template <typename Ddl>
std::vector<Conflict> listed_conflicts(Graph& graph, SnapshotReader& reader, Ddl (*ddl_from)(dom::element),
                                       std::vector<Change> (*diff)(const Ddl&, const Ddl&)) {
  std::map<const Snapshot*, Ddl> ddls;
  const Ddl empty;
  auto ddl_of = [&](const Snapshot* s) -> const Ddl& {
    return s ? reader.read(*s, ddls, ddl_from) : empty;
  };
  std::vector<Conflict> out;
  for (const std::string& parent_id : graph.parents()) {
    const auto& children = graph.children_of(parent_id);
    if (children.size() < 2) continue;
    const Snapshot* parent = graph.find(parent_id);
    std::map<const Snapshot*, std::vector<Change>> diffs;
    auto diff_to = [&](const Snapshot* head) -> const std::vector<Change>& {
      auto found = diffs.find(head);
      if (found == diffs.end()) found = diffs.emplace(head, diff(ddl_of(parent), ddl_of(head))).first;
      return found->second;
    };
    for (std::size_t i = 0; i < children.size(); ++i) {
      for (std::size_t j = i + 1; j < children.size(); ++j) {
        const auto group_a = graph.heads_from(*children[i]), group_b = graph.heads_from(*children[j]);
        const bool shared = std::any_of(group_b.begin(), group_b.end(), [&](const Snapshot* h) {
          return std::find(group_a.begin(), group_a.end(), h) != group_a.end();
        });
        if (shared) continue;
        for (const Snapshot* a : group_a) {
          for (const Snapshot* b : group_b) {
            const auto& from_a = diff_to(a);
            const auto& from_b = diff_to(b);
            if (auto clash = branches::listed_clash(from_a, from_b)) {
              out.push_back(Conflict{a, b, parent, *clash->first, *clash->second, clash->second->object});
            } else if (auto back = branches::listed_clash(from_b, from_a)) {
              out.push_back(Conflict{a, b, parent, *back->second, *back->first, back->second->object});
            }
          }
        }
      }
    }
  }
  return out;
}

std::string names_of(const std::vector<const Snapshot*>& snapshots) {
  std::string out;
  for (const Snapshot* s : snapshots) out += (out.empty() ? "" : ", ") + s->prefix;
  return out;
}

}  // namespace

void check_folder_branches_conflict(const Context& ctx, Reporter& out) {
  const auto dialect = ctx.folder.dialect();
  if (!dialect || (*dialect != Dialect::PostgreSQL && *dialect != Dialect::SQLite && *dialect != Dialect::MySQL)) return;
  Graph graph(ctx.folder);
  if (graph.heads().size() < 2) return;
  SnapshotReader reader(ctx.folder);
  const bool postgres = *dialect == Dialect::PostgreSQL;
  std::vector<Conflict> conflicts =
      postgres                       ? postgres_conflicts(graph, reader)
      : *dialect == Dialect::SQLite ? listed_conflicts<SqliteDdl>(graph, reader, branches::sqlite_ddl_of, branches::sqlite_diff)
                                     : listed_conflicts<MysqlDdl>(graph, reader, branches::mysql_ddl_of, branches::mysql_diff);
  for (Conflict& c : conflicts) {
    // The branch applied second (by name) is the one to regenerate.
    if (c.head_b->prefix < c.head_a->prefix) std::swap(c.head_a, c.head_b), std::swap(c.a, c.b);
    const Snapshot& source_a = c.a.source ? *c.a.source : *c.head_a;
    const Snapshot& source_b = c.b.source ? *c.b.source : *c.head_b;
    std::vector<const Snapshot*> branch_b;
    const std::set<std::string> ha = graph.history(*c.head_a), hb = graph.history(*c.head_b);
    for (const Snapshot* s : graph.nodes()) {
      if (hb.count(s->id->value) && !ha.count(s->id->value)) branch_b.push_back(s);
    }
    const std::string fork = c.fork ? c.fork->prefix : "the empty schema";
    Finding& f = out.report(
        source_b.id->where,
        fmt::format("branches from {} do not commute: {} ({}) and {} ({}) both change {}; drizzle-kit check and "
                    "generate stop on them, and the migrator applies both in name order, {} to a schema it was not "
                    "generated against",
                    fork, source_a.prefix, c.a.action, source_b.prefix, c.b.action, c.object, c.head_b->prefix),
        source_b.prefix);
    f.help = fmt::format(
        "Regenerate one branch on top of the other: where no database ran it yet, delete {} (copy any hand-written SQL "
        "first), keep both branches' changes in the schema, and run drizzle-kit generate, which writes them again "
        "after {}.{}",
        names_of(branch_b), c.head_a->prefix,
        postgres ? " Or run drizzle-kit generate --fix-conflicts: it deletes both branches and writes one migration "
                   "(databases that ran either must be reset)."
                 : "");
  }
}

}  // namespace miglint
