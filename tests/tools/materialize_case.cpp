// materialize_case CASE DIR: writes the rule case CASE (a .sql case file or a case folder under
// fixtures/rules) out in DIR as the folder miglint checks, and prints the --database-url of its
// migrations table when it has one. For looking at a case as miglint sees it, and for scripts
// that run other tools on the cases (fixtures/rules/check_sqlite_cases.sh).
#include <exception>
#include <filesystem>
#include <iostream>

#include "support/materialize.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: materialize_case CASE DIR\n";
    return 2;
  }
  const std::filesystem::path into = argv[2];
  if (std::filesystem::exists(into)) {
    std::cerr << "materialize_case: " << into << " exists already\n";
    return 2;
  }
  try {
    const miglint::test::Materialized m = miglint::test::materialize_case(std::filesystem::absolute(argv[1]), into);
    if (!m.database_url.empty()) std::cout << m.database_url << "\n";
  } catch (const std::exception& e) {
    std::cerr << "materialize_case: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
