// The live PostgreSQL schema as a model (schema/catalog.h), read from databases the real
// drizzle-orm migrate() built from real drizzle-kit folders.
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "db_test_support.h"
#include "schema/catalog.h"
#include "support/schema_text.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using schema::CatalogError;
using schema::QualifiedName;
using schema::Schema;

const QualifiedName kMigrations{"drizzle", "__drizzle_migrations"};

std::variant<Schema, CatalogError> read_catalog(const std::string& url, const QualifiedName& migrations = kMigrations) {
  pqxx::connection connection(url);
  pqxx::read_transaction tx(connection);
  auto model = schema::read_postgres_catalog(tx, migrations);
  tx.commit();
  return model;
}

TEST(DbSchemaCatalog, Explore) {
  const char* url = std::getenv("EXPLORE_URL");
  if (!url) GTEST_SKIP();
  auto model = read_catalog(url);
  if (auto* e = std::get_if<CatalogError>(&model)) FAIL() << e->message;
  std::cout << schema_text(std::get<Schema>(model));
}

}  // namespace
}  // namespace miglint::test
