// glob_matches() against the C library's fnmatch() (no flags), which per-path ignores used
// before: the same answer for every pattern and path below, written and generated.
#include <gtest/gtest.h>

#include <fnmatch.h>

#include <random>
#include <string>
#include <vector>

#include "core/glob.h"

namespace miglint {
namespace {

bool libc(const std::string& pattern, const std::string& text) {
  return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

TEST(Glob, WrittenPatternsMatchAsFnmatchDoes) {
  const std::vector<std::string> patterns = {
      "drizzle/0001_*.sql", "*.sql", "drizzle/*", "*", "", "?", "drizzle/00[0-4]?_*", "drizzle/[!0]*.sql",
      "drizzle/[^0]*.sql", "**/meta/*.json", "a\\*b", "a\\", "[]]x", "[!]]x", "[a-]x", "[[:digit:]]*",
      "[[:alpha:][:digit:]]?", "[[:nope:]]", "[abc", "*[", "*.[sS][qQ][lL]", "drizzle/.hidden*", "*/*/*", "x*y*z",
      "[\\]]", "[a\\-z]", "**", "*a*a*a*a*b"};
  const std::vector<std::string> texts = {
      "drizzle/0001_add.sql", "drizzle/0002_x.sql", "drizzle/meta/0001_snapshot.json", "a/b/meta/x.json", "",
      "x", "a*b", "axb", "a\\", "]x", "-x", "ax", "7up", "z9", "[abc", "q[", "file.SqL", "drizzle/.hidden",
      "drizzle/.hidden2", "xyz", "xaybz", "]", "\\", "-", "b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "aaaaaaaaaaaaa"};
  for (const std::string& p : patterns) {
    for (const std::string& t : texts) {
      EXPECT_EQ(glob_matches(p, t), libc(p, t)) << "pattern '" << p << "' text '" << t << "'";
    }
  }
}

TEST(Glob, GeneratedPatternsMatchAsFnmatchDoes) {
  std::mt19937 random(20261206);
  const std::string pattern_chars = "ab/.*?[]!^-\\:";
  const std::string text_chars = "ab/.[]!-\\";
  auto draw = [&](const std::string& from, std::size_t max_length) {
    std::string out(random() % (max_length + 1), ' ');
    for (char& c : out) c = from[random() % from.size()];
    return out;
  };
  for (int i = 0; i < 40000; ++i) {
    const std::string p = draw(pattern_chars, 7);
    const std::string t = draw(text_chars, 6);
    ASSERT_EQ(glob_matches(p, t), libc(p, t)) << "pattern '" << p << "' text '" << t << "'";
  }
}

}  // namespace
}  // namespace miglint
