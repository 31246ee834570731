#include "support/case_file.h"

#include <sstream>
#include <stdexcept>

namespace miglint::test {

namespace {

const std::string kMigration = "-- migration: ";
const std::string kFile = "-- file: ";
const std::string kCommand = "-- $ ";
const std::string kNoNewline = "-- (no newline at end of file)";

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

std::vector<std::string> words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class Parser {
 public:
  explicit Parser(std::string where) : where_(std::move(where)) {}

  CaseFile parse(const std::string& text) {
    if (text.empty() || text.back() != '\n') fail("the file must end with a newline");
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t end = text.find('\n', at);
      ++line_;
      line(text.substr(at, end - at), at);
      at = end + 1;
    }
    if (state_ != State::Expected) fail("no \"-- $ miglint ...\" line with the expected output");
    if (file_.base.empty()) fail("no \"-- base:\" line");
    if (file_.sections.empty()) fail("no \"-- migration:\" or \"-- file:\" section");
    return file_;
  }

 private:
  enum class State { Header, Section, Expected };

  [[noreturn]] void fail(const std::string& why) const {
    throw std::runtime_error(where_ + ":" + std::to_string(line_) + ": " + why);
  }

  void line(const std::string& l, std::size_t offset) {
    if (state_ == State::Expected) return expected(l);
    if (no_newline_ && !starts_with(l, kMigration) && !starts_with(l, kFile) && !starts_with(l, kCommand)) {
      fail("\"" + kNoNewline + "\" must come right before a marker line");
    }
    if (starts_with(l, kMigration) || starts_with(l, kFile)) return open(l);
    if (starts_with(l, kCommand)) {
      close();
      if (file_.sections.empty()) fail("the expected output comes after the sections");
      file_.command = l.substr(kCommand.size());
      file_.expected_at = offset;
      state_ = State::Expected;
      return;
    }
    if (state_ == State::Header) return header(l);
    if (l == kNoNewline) {
      no_newline_ = true;
      return;
    }
    file_.sections.back().content += l + "\n";
  }

  void header(const std::string& l) {
    if (!l.empty() && !starts_with(l, "--")) fail("the header holds only comment lines until the first section");
    if (starts_with(l, "-- base: ")) file_.base = l.substr(9);
    if (l == "-- applied:" || starts_with(l, "-- applied: ")) file_.applied = words(l.substr(11));
  }

  void open(const std::string& l) {
    close();
    CaseSection s;
    s.migration = starts_with(l, kMigration);
    s.name = l.substr(s.migration ? kMigration.size() : kFile.size());
    bool bad = s.name.empty() || s.name.front() == '/' || s.name.find("..") != std::string::npos ||
               (s.migration && s.name.find('/') != std::string::npos);
    if (bad) fail("\"" + s.name + "\" is not a " + (s.migration ? "migration tag" : "relative file path"));
    file_.sections.push_back(s);
    state_ = State::Section;
  }

  void close() {
    if (!no_newline_) return;
    std::string& content = file_.sections.back().content;
    if (content.empty()) fail("\"" + kNoNewline + "\" after an empty section");
    content.pop_back();
    no_newline_ = false;
  }

  void expected(const std::string& l) {
    if (l == "--") {
      file_.expected += "\n";
    } else if (starts_with(l, "-- ")) {
      file_.expected += l.substr(3) + "\n";
    } else {
      fail("every line of the expected output starts with \"-- \"");
    }
  }

  std::string where_;
  int line_ = 0;
  State state_ = State::Header;
  bool no_newline_ = false;
  CaseFile file_;
};

}  // namespace

CaseFile parse_case_file(const std::string& text, const std::string& where) { return Parser(where).parse(text); }

std::string with_expected_output(const std::string& text, const CaseFile& file, const std::string& output) {
  if (!output.empty() && output.back() != '\n') throw std::runtime_error("output without a final newline");
  std::string out = text.substr(0, file.expected_at) + kCommand + file.command + "\n";
  std::istringstream lines(output);
  for (std::string l; std::getline(lines, l);) out += l.empty() ? "--\n" : "-- " + l + "\n";
  return out;
}

}  // namespace miglint::test
