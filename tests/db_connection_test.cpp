// Connecting, reading and failing: timeouts, permissions, table settings, stored types,
// and a password that never appears in any output.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "db_test_support.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kClean = "fixtures/generated/pg-index/drizzle";

// The URL with its password replaced.
std::string with_password(const std::string& url, const std::string& password) {
  auto at = url.rfind('@');
  auto colon = url.rfind(':', at);
  return url.substr(0, colon + 1) + password + url.substr(at);
}

std::string password_of(const std::string& url) {
  auto at = url.find('@');
  auto colon = url.rfind(':', at);
  return url.substr(colon + 1, at - colon - 1);
}

TEST(DbConnection, PasswordNeverAppearsInAnyFormatOrStatus) {
  std::string url = create_test_database("conn_password");
  if (url.empty()) return;
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, url).exit_code, 0);
  const std::string password = password_of(url);
  ASSERT_GE(password.size(), 8u);
  for (const char* format : {"text", "gcc", "json", "sarif", "github"}) {
    RunResult r = run_miglint({kClean, "--format", format, "--database-url", url, "--fail-on", "info"});
    EXPECT_EQ(r.out.find(password), std::string::npos) << format;
    EXPECT_EQ(r.err.find(password), std::string::npos) << format;
  }
  RunResult status = run_miglint({"status", kClean, "--database-url", url});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_EQ((status.out + status.err).find(password), std::string::npos);
  // A wrong password: the error names host, port, database and user, never the password tried.
  std::string wrong = with_password(url, "Wr0ngPassw0rdXyz");
  for (const char* format : {"text", "json", "sarif", "github"}) {
    RunResult r = run_miglint({kClean, "--format", format, "--database-url", wrong});
    EXPECT_EQ(r.exit_code, 2) << format;
    EXPECT_EQ((r.out + r.err).find("Wr0ngPassw0rdXyz"), std::string::npos) << format << r.out << r.err;
    EXPECT_NE(r.err.find("password authentication failed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("database conn_password, user miglint_admin"), std::string::npos) << r.err;
  }
  RunResult sarif = run_miglint({kClean, "--format", "sarif", "--database-url", wrong});
  EXPECT_NE(sarif.out.find("\"executionSuccessful\": false"), std::string::npos);
  RunResult key_value = run_miglint({kClean, "--database-url", "host=127.0.0.1 port=1 dbname=x user=y password=Sekr1tKv"});
  EXPECT_EQ((key_value.out + key_value.err).find("Sekr1tKv"), std::string::npos) << key_value.err;
}

// Node's URL parser (and so drizzle and node-postgres) splits the userinfo at the last '@';
// libpq alone splits at the first, which put the password's tail into the printed host.
TEST(DbConnection, RawAtSignInThePasswordIsReadAsNodeReadsIt) {
  RunResult offline = run_miglint({kClean, "--database-url", "postgres://user:p@ssw0rd@127.0.0.1:1/app"});
  EXPECT_EQ(offline.exit_code, 2);
  EXPECT_NE(offline.err.find("(host 127.0.0.1, port 1, database app, user user)"), std::string::npos) << offline.err;
  EXPECT_EQ((offline.out + offline.err).find("ssw0rd"), std::string::npos) << offline.err;

  std::string url = create_test_database("conn_at_password");
  if (url.empty()) return;
  psql(url, "DROP ROLE IF EXISTS miglint_at; CREATE ROLE miglint_at LOGIN SUPERUSER PASSWORD 'p@ss@w0rd'");
  std::string at_url = url;
  at_url.replace(at_url.find("miglint_admin"), 13, "miglint_at");
  at_url = with_password(at_url, "p@ss@w0rd");
  // The real migrator connects with this URL, and so does miglint, printing nothing of the password.
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, at_url).exit_code, 0);
  RunResult r = run_miglint({kClean, "--database-url", at_url, "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ((r.out + r.err).find("w0rd"), std::string::npos) << r.out << r.err;
  RunResult status = run_miglint({"status", kClean, "--database-url", at_url});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ((status.out + status.err).find("w0rd"), std::string::npos) << status.out;
}

TEST(DbConnection, OfflineFindingsArePrintedBeforeTheDatabaseError) {
  RunResult r = run_miglint({"fixtures/examples/incident/drizzle", "--database-url", "postgresql://u:p4ssw0rd@127.0.0.1:1/db",
                             "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("[snapshot-missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("could not connect to PostgreSQL (host 127.0.0.1, port 1, database db, user u)"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("p4ssw0rd"), std::string::npos);
}

TEST(DbConnection, ConnectTimeoutBoundsTheWait) {
  // A listener that never answers: the TCP handshake completes, the PostgreSQL one never does.
  int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(s, 4), 0);
  socklen_t length = sizeof address;
  getsockname(s, reinterpret_cast<sockaddr*>(&address), &length);
  std::string url = "postgresql://u:pw@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/db";
  auto start = std::chrono::steady_clock::now();
  RunResult r = run_miglint({kClean, "--database-url", url, "--connect-timeout", "2"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  close(s);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_LT(seconds, 15.0);
  EXPECT_NE(r.err.find("could not connect"), std::string::npos) << r.err;
}

TEST(DbConnection, StatementTimeoutBoundsAQueryThatWaits) {
  std::string url = create_test_database("conn_timeout");
  if (url.empty()) return;
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, url).exit_code, 0);
  // Another session holds the table: miglint's SELECT waits until the statement timeout ends it.
  std::string holder = "psql " + sh_quote(url) +
                       " -X -q -c 'BEGIN; LOCK TABLE drizzle.__drizzle_migrations IN ACCESS EXCLUSIVE MODE; SELECT "
                       "pg_sleep(8); COMMIT;' >/dev/null 2>&1 &";
  run_shell(holder);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  RunResult r = run_miglint({kClean, "--database-url", url, "--statement-timeout", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("statement timeout"), std::string::npos) << r.err;
}

TEST(DbConnection, MissingPermissionSaysWhatToGrant) {
  std::string url = create_test_database("conn_perm");
  if (url.empty()) return;
  ASSERT_EQ(drizzle_migrate(source_dir() / kClean, url).exit_code, 0);
  psql(url, "DROP ROLE IF EXISTS miglint_reader; CREATE ROLE miglint_reader LOGIN PASSWORD 'reader-pw-123'");
  std::string reader = url;
  reader.replace(reader.find("miglint_admin"), 13, "miglint_reader");
  reader = with_password(reader, "reader-pw-123");
  RunResult r = run_miglint({kClean, "--database-url", reader});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Grant the user SELECT on \"drizzle\".\"__drizzle_migrations\""), std::string::npos) << r.err;
  psql(url, "GRANT USAGE ON SCHEMA drizzle TO miglint_reader; GRANT SELECT ON drizzle.__drizzle_migrations TO miglint_reader");
  EXPECT_EQ(run_miglint({kClean, "--database-url", reader}).exit_code, 0);
}

TEST(DbConnection, MissingDatabaseIsAnError) {
  std::string admin = test_database_url();
  if (admin.empty()) return;
  std::string url = admin.substr(0, admin.rfind('/') + 1) + "no_such_database_here";
  RunResult r = run_miglint({kClean, "--database-url", url});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("database \"no_such_database_here\" does not exist"), std::string::npos) << r.err;
}

TEST(DbConnection, DatabaseUrlFromTheEnvironmentOnlyWhenAsked) {
  std::string url = create_test_database("conn_env");
  if (url.empty()) return;
  // DATABASE_URL alone is never read.
  RunResult ignored = run_miglint({kClean, "--fail-on", "info"}, {}, {"DATABASE_URL=" + url});
  EXPECT_EQ(ignored.out.find("db-"), std::string::npos) << ignored.out;
  RunResult used = run_miglint({kClean, "--database-url-env", "MY_DB", "--format", "gcc"}, {}, {"MY_DB=" + url});
  EXPECT_NE(used.out.find("[db-migrations-table-missing]"), std::string::npos) << used.out << used.err;
  RunResult unset = run_miglint({kClean, "--database-url-env", "NOT_SET_ANYWHERE"});
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_NE(unset.err.find("NOT_SET_ANYWHERE"), std::string::npos);
}

TEST(DbConnection, TableInAnotherSchemaIsPointedOut) {
  std::string url = create_test_database("conn_schema");
  if (url.empty()) return;
  psql(url, "CREATE TABLE public.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint); "
            "CREATE TABLE public.users (id int)");
  RunResult r = run_miglint({kClean, "--database-url", url, "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("error[db-migrations-table-missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("but public.__drizzle_migrations exists"), std::string::npos) << r.out;
  // With the right schema the table is found; it is empty beside a user table, as after a failed
  // first migrate on a pushed schema, and that is said instead.
  RunResult right = run_miglint({kClean, "--database-url", url, "--migrations-schema", "public", "--format", "gcc"});
  EXPECT_EQ(right.out.find("has no migrations table"), std::string::npos) << right.out;
  EXPECT_NE(right.out.find("\"public\".\"__drizzle_migrations\" is empty, yet the database holds tables"), std::string::npos)
      << right.out;
}

TEST(DbConnection, EmptyDatabaseIsOnlyInfo) {
  std::string url = create_test_database("conn_empty");
  if (url.empty()) return;
  RunResult r = run_miglint({kClean, "--database-url", url, "--format", "gcc"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("info[db-migrations-table-missing]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("info[db-migration-pending]"), std::string::npos) << r.out;
}

TEST(DbConnection, CreatedAtAsNumericOrNullIsRead) {
  std::string url = create_test_database("conn_types");
  if (url.empty()) return;
  // pg-proxy's table stores created_at as numeric; a row inserted by hand may have NULL.
  json journal = json::parse(read_file(source_dir() / kClean / "meta/_journal.json"));
  std::string hash0 = run_shell("sha256sum " + sh_quote((source_dir() / kClean / "0000_init.sql").string())).out.substr(0, 64);
  psql(url, "CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, "
            "created_at numeric); INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('" +
                hash0 + "', " + std::to_string(journal["entries"][0]["when"].get<long long>()) + "), ('abc', NULL)");
  json report = lint_json(kClean, url, {"--fail-on", "info"});
  auto reported = rules_reported(report);
  EXPECT_EQ(reported, (std::vector<std::string>{"db-migration-unknown ", "db-migration-pending 0001_add_phone_and_status_idx",
                                                "db-migration-pending 0002_seed_data"}))
      << report.dump(2);
}

}  // namespace
}  // namespace miglint::test
