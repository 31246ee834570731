// The pinned drizzle-kit and drizzle-orm 1.0 (fixtures/drizzle-kit-1) that the 1.0 tests run, and
// the one-JSON-line-per-step scripts of tests/tools that drive them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace miglint::test {

// Installed once per build (tests/tools/npm_install.sh into <source>/build/test-tools-kit1); the
// directory that holds its node_modules. A failed install fails the calling test.
const std::filesystem::path& kit1_tools();

// Runs `command` with each step as one more argument; the JSON line each step that reports
// printed (reset, rows, migrate0, migrate1, sql, up: one each), checked to be all there.
std::vector<nlohmann::json> run_steps(const std::string& command, const std::vector<std::string>& steps);

}  // namespace miglint::test
