// Shared by compare.cpp and compare_table.cpp: where differences are collected, and what is
// unknown on either side.
#pragma once

#include <string>
#include <vector>

#include "schema/compare.h"

namespace miglint::schema::compare_support {

class Differences {
 public:
  explicit Differences(std::vector<Difference>& out) : out_(out) {}
  void missing(std::string kind, std::string object) {
    out_.push_back({Difference::Kind::Missing, std::move(kind), std::move(object), {}, {}, {}});
  }
  void extra(std::string kind, std::string object) {
    out_.push_back({Difference::Kind::Extra, std::move(kind), std::move(object), {}, {}, {}});
  }
  void changed(const std::string& kind, const std::string& object, std::string field, const std::string& expected,
               const std::string& actual) {
    if (expected == actual) return;
    out_.push_back({Difference::Kind::Changed, kind, object, std::move(field), expected, actual});
  }

 private:
  std::vector<Difference>& out_;
};

std::string display(const QualifiedName& name);
std::string joined(const std::vector<std::string>& items);
std::string text_or_none(const std::optional<std::string>& value);

// A table known on both sides (neither marked unknown): its parts compared.
void compare_table_parts(const Table& expected, const Table& actual, const CompareOptions& options, Differences& out);

}  // namespace miglint::schema::compare_support
