#include "engine/engine.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/excerpt.h"
#include "core/finding_cap.h"
#include "core/suggest.h"
#include "engine/resolve.h"
#include "engine/silencer.h"

namespace miglint {

Finding& Reporter::report(Location where, std::string message, std::string migration) {
  last_left_ = nullptr;
  if (per_file_ != SIZE_MAX) {
    const std::string& file = where.file.empty() ? where.pending_file : where.file;
    auto kept = kept_.try_emplace(file, 0).first;
    if (kept->second >= per_file_) {
      auto [at, added] = where_left_.try_emplace(file, left_out_.size());
      if (added) {
        Finding& first = left_out_.emplace_back().first;
        first.location = std::move(where);
        first.message = std::move(message);
        first.migration = std::move(migration);
      }
      last_left_ = &left_out_[at->second];
      ++last_left_->count;
      scratch_ = Finding{};
      return scratch_;
    }
    ++kept->second;
  }
  Finding& f = sink_.emplace_back();
  f.location = std::move(where);
  f.message = cut_long_words(std::move(message));  // a name quoted from the input may be megabytes
  f.migration = std::move(migration);
  chosen_.emplace_back();
  return f;
}

void Reporter::report_left_out(Location where, std::string message, std::size_t count, std::string migration) {
  last_left_ = nullptr;
  if (count == 0) return;
  const std::string& file = where.file.empty() ? where.pending_file : where.file;
  auto [at, added] = where_left_.try_emplace(file, left_out_.size());
  if (added) {
    Finding& first = left_out_.emplace_back().first;
    first.location = std::move(where);
    first.message = std::move(message);
    first.migration = std::move(migration);
  }
  left_out_[at->second].count += count;
}

Finding& Reporter::report_as(Severity severity, Location where, std::string message, std::string migration) {
  Finding& f = report(std::move(where), std::move(message), std::move(migration));
  if (last_left_) {
    last_left_->chosen = std::max(last_left_->chosen.value_or(severity), severity);
  } else {
    chosen_.back() = severity;
  }
  return f;
}

bool RuleSelection::enabled(std::string_view rule) const {
  auto named = [&](const std::vector<std::string>& list) { return std::find(list.begin(), list.end(), rule) != list.end(); };
  if (named(ignore)) return false;
  return select.empty() || named(select);
}

namespace {

// Runs the rules that `runs` picks and stamps their findings.
// Rules that no suppression comment names keep only the first findings of each file
// (core/finding_cap.h) and count the rest; the others keep every finding, so that each comment is
// credited with what it silences.
template <class Pick>
void run_phase(const Context& context, std::span<const RuleInfo> rules, const RuleSelection& selection, Pick runs,
               const std::set<std::string, std::less<>>& named, std::vector<Finding>& all) {
  const std::optional<Dialect> dialect = context.folder.dialect();
  for (const RuleInfo& rule : rules) {
    if (!runs(rule)) continue;
    // A rule that cannot judge this folder is not run (which is not the same as not selected:
    // a suppression naming it still counts as judged).
    if (rule.needs_database && !context.database) continue;
    if (rule.needs_history && !context.committed) continue;
    if (rule.needs_target && !context.folder.target_v1) continue;
    if (dialect && !(rule.dialects & dialect_bit(*dialect))) continue;
    if (!(rule.layouts & static_cast<unsigned>(context.folder.layout))) continue;
    std::vector<Finding> found;
    Reporter reporter(found, named.count(rule.meta.name) ? SIZE_MAX : kFindingsShownPerFile);
    rule.check(context, reporter);
    auto override_it = selection.severity.find(rule.meta.name);

    for (std::size_t k = 0; k < found.size(); ++k) {
      Finding& f = found[k];
      f.rule = rule.meta.name;
      const std::optional<Severity>& chosen = reporter.chosen_severities()[k];
      f.severity = override_it != selection.severity.end() ? override_it->second
                   : chosen                                 ? *chosen
                                                            : rule.meta.default_severity;
      all.push_back(std::move(f));
    }
    for (Reporter::LeftOut& left : reporter.left_out()) {
      Finding& f = all.emplace_back(summary_of_left_out(rule.meta.name, std::move(left.first), left.count));
      f.severity = override_it != selection.severity.end() ? override_it->second
                   : left.chosen                            ? *left.chosen
                                                            : rule.meta.default_severity;
    }
  }
}

bool ignored(const RuleSelection& selection, std::string_view name) {
  return std::find(selection.ignore.begin(), selection.ignore.end(), name) != selection.ignore.end();
}

// Removes the shown findings that suppression comments silence; hidden ones (found only to judge
// the comments) are counted the same way.
std::vector<SuppressionUse> apply_suppressions(const Folder& folder, std::span<const RuleInfo> rules,
                                               const RuleSelection& selection, std::vector<Finding>& shown,
                                               const std::vector<Finding>& hidden) {
  std::vector<SuppressionUse> uses;
  for (const SqlFile& file : folder.sql_files) {
    if (!file.mentions_suppressions()) continue;
    for (const Suppression& s : file.sql().suppressions) {
      SuppressionUse use{&file, &s, std::vector<std::size_t>(s.rules.size()), {}, {}};
      for (const std::string& name : s.rules) {
        const RuleInfo* rule = find_rule(rules, name);
        use.known.push_back(rule != nullptr);
        use.judged.push_back(rule && !rule->after_suppressions && !ignored(selection, name));
      }
      uses.push_back(std::move(use));
    }
  }
  Silencer silencer(uses);
  auto silenced = [&](const Finding& f) { return silencer.silence(f); };
  std::erase_if(shown, silenced);
  for (const Finding& f : hidden) silenced(f);
  return uses;
}

}  // namespace

bool reads_sql(std::span<const RuleInfo> rules, const RuleSelection& selection) {
  return std::any_of(rules.begin(), rules.end(),
                     [&](const RuleInfo& r) { return r.reads_sql && selection.enabled(r.meta.name); });
}

bool reads_schema(std::span<const RuleInfo> rules, const RuleSelection& selection, bool with_database) {
  return std::any_of(rules.begin(), rules.end(), [&](const RuleInfo& r) {
    return r.reads_schema && selection.enabled(r.meta.name) && (with_database || !r.needs_database);
  });
}

std::vector<Finding> run_rules(const Folder& folder, std::span<const RuleInfo> rules, const RuleSelection& selection,
                               const DatabaseCheck* database, const CommittedFolder* committed) {
  std::vector<Finding> all;
  // Parsing is most of what the SQL rules cost: done once, up front, on every core (unless the
  // loader did it already).
  if (reads_sql(rules, selection)) folder.analyze_sql_files();
  const LazySchemaHistory schema(folder);
  std::set<std::string, std::less<>> named;  // by a suppression comment
  for (const SqlFile& file : folder.sql_files) {
    if (!file.mentions_suppressions()) continue;
    for (const Suppression& s : file.sql().suppressions) named.insert(s.rules.begin(), s.rules.end());
  }
  run_phase(Context{folder, database, nullptr, &schema, committed}, rules, selection,
            [&](const RuleInfo& r) { return !r.after_suppressions && selection.enabled(r.meta.name); }, named, all);
  // Judging suppressions needs the rules they name even when only the judge was selected; what
  // those extra rules find only counts for the judgement and is not reported.
  bool judging = std::any_of(rules.begin(), rules.end(), [&](const RuleInfo& r) {
    return r.after_suppressions && selection.enabled(r.meta.name);
  });
  std::vector<Finding> hidden;
  if (judging) {
    run_phase(Context{folder, database, nullptr, &schema, committed}, rules, selection, [&](const RuleInfo& r) {
      return !r.after_suppressions && !selection.enabled(r.meta.name) && !ignored(selection, r.meta.name) &&
             named.count(r.meta.name);
    }, named, hidden);
  }
  resolve_locations(folder, all);
  resolve_locations(folder, hidden);
  std::vector<SuppressionUse> uses = apply_suppressions(folder, rules, selection, all, hidden);
  std::vector<Finding> late;
  run_phase(Context{folder, database, &uses, &schema, committed}, rules, selection,
            [&](const RuleInfo& r) { return r.after_suppressions && selection.enabled(r.meta.name); }, named, late);
  resolve_locations(folder, late);
  all.insert(all.end(), std::make_move_iterator(late.begin()), std::make_move_iterator(late.end()));
  return all;
}

void sort_findings(std::vector<Finding>& findings) {
  // Stable: findings of one rule at one place (the commands of one ALTER TABLE) keep the order
  // the rule met them in, which is the order of the source.
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.file, a.location.begin, a.rule) < std::tie(b.location.file, b.location.begin, b.rule);
  });
}

const RuleInfo* find_rule(std::span<const RuleInfo> rules, std::string_view name) {
  for (const RuleInfo& r : rules) {
    if (r.meta.name == name) return &r;
  }
  return nullptr;
}

RuleSelectors rule_selectors(std::span<const RuleInfo> rules) {
  RuleSelectors selectors;
  for (const RuleInfo& r : rules) selectors.add_rule(r.meta.name, r.meta.group);
  return selectors;
}

std::string closest_rule_name(std::span<const RuleInfo> rules, std::string_view name) {
  return closest_name(rule_selectors(rules).names(), name);
}

}  // namespace miglint
