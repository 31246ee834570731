// The three models of a schema agree on real folders nobody here wrote: each PostgreSQL folder of
// the corpus is migrated by the real drizzle-orm migrate() into a fresh database; where migrate()
// runs to the end, the catalog's model equals the folder's SQL replayed from an empty schema, and
// differs from the last snapshot's model only by the folder's own defects, pinned here with why.
#include <gtest/gtest.h>

#include <map>

#include "db/pg_client.h"
#include "db_test_support.h"
#include "load/folder_loader.h"
#include "schema/catalog.h"
#include "schema/compare.h"
#include "schema/from_snapshot.h"
#include "schema/history.h"

namespace miglint::test {
namespace {

namespace fs = std::filesystem;
using schema::Schema;

std::string differences(const Schema& expected, const Schema& actual) {
  std::string out;
  for (const auto& d : schema::compare(expected, actual)) out += schema::describe(d) + "\n";
  return out;
}

struct CorpusFolder {
  const char* path;      // under the corpus
  const char* database;  // its test database
  const char* setup;     // SQL the project's database has before its first migration
  // What migrate() says when it cannot run the folder to the end on PostgreSQL 15; "" when it can.
  const char* migrate_fails_with;
  // The last snapshot against the catalog: the folder's defects, as describe() lists them.
  const char* snapshot_differences;
};

const std::vector<CorpusFolder> kFolders = {
    {"Mail-0__Zero/packages__db__migrations", "corpus_zero", "", "", ""},
    // 0033 (enum values added without BEFORE land last), 0066 (a hand-written migration's indexes
    // and NOT NULL DEFAULT are in no snapshot), 0072 (the snapshot drops a column the SQL keeps).
    {"Dokploy__dokploy/apps__dokploy__drizzle", "corpus_dokploy", "", "",
     "enum public.sourceType: values docker, git, github, gitlab, bitbucket, gitea, drop here, docker, git, github, gitea, drop, gitlab, bitbucket there\n"
     "enum public.sourceTypeCompose: values git, github, gitlab, bitbucket, gitea, raw here, git, github, gitea, raw, gitlab, bitbucket there\n"
     "index public.certificate.idx_certificate_organization: there, not here\n"
     "index public.destination.idx_destination_organization: there, not here\n"
     "index public.git_provider.idx_git_provider_organization: there, not here\n"
     "index public.notification.idx_notification_organization: there, not here\n"
     "index public.project.idx_project_organization: there, not here\n"
     "index public.registry.idx_registry_organization: there, not here\n"
     "index public.server.idx_server_organization: there, not here\n"
     "index public.ssh-key.idx_sshkey_organization: there, not here\n"
     "column public.user.two_factor_enabled: not null no here, yes there\n"
     "column public.user.two_factor_enabled: default none here, false there\n"
     "column public.user.enableLogRotation: there, not here\n"},
    // Snapshots out of step with the SQL: policies made outside migrations, parallel branches,
    // columns whose NOT NULL DEFAULT '' the SQL never set, tables the snapshots lost.
    {"lmnr-ai__lmnr/frontend__lib__db__migrations", "corpus_lmnr", "", "",
     "policy public.api_keys.Enable insert for authenticated users only: here, not there\n"
     "policy public.evaluations.select_by_next_api_key: here, not there\n"
     "column public.playgrounds.model_id: not null yes here, no there\n"
     "column public.playgrounds.model_id: default '' here, none there\n"
     "column public.project_api_keys.value: not null yes here, no there\n"
     "column public.project_api_keys.value: default '' here, none there\n"
     "column public.project_api_keys.shorthand: not null yes here, no there\n"
     "column public.project_api_keys.shorthand: default '' here, none there\n"
     "column public.project_api_keys.hash: not null yes here, no there\n"
     "column public.project_api_keys.hash: default '' here, none there\n"
     "foreign key public.shared_evals.shared_evals_project_id_fkey: on update cascade here, no action there\n"
     "index public.signal_jobs.signal_jobs_project_id_idx: here, not there\n"
     "index public.signal_jobs.signal_jobs_signal_id_idx: here, not there\n"
     "foreign key public.signal_jobs.signal_jobs_project_id_fkey: here, not there\n"
     "foreign key public.signal_jobs.signal_jobs_signal_id_fkey: here, not there\n"
     "foreign key public.signal_triggers.signal_triggers_project_id_fkey: here, not there\n"
     "foreign key public.signal_triggers.signal_triggers_signal_id_fkey: here, not there\n"
     "foreign key public.signals.signals_project_id_fkey: here, not there\n"
     "column public.subscription_tiers.stripe_product_id: not null yes here, no there\n"
     "column public.subscription_tiers.stripe_product_id: default '' here, none there\n"
     "column public.subscription_tiers.signal_runs: default none here, 0 there\n"
     "unique constraint public.tag_classes.label_classes_name_project_id_unique: there, not here\n"
     "primary key public.traces: name traces_pkey_constraint here, traces_pkey there\n"
     "index public.traces.traces_session_id_idx: there, not here\n"
     "unique constraint public.traces.traces_project_id_id_unique: there, not here\n"
     "policy public.traces.select_by_next_api_key: here, not there\n"
     "table public.traces_agent_chats: here, not there\n"
     "table public.traces_agent_messages: here, not there\n"
     "policy public.users.Enable insert for authenticated users only: here, not there\n"
     "table public.workspace_addons: here, not there\n"
     "column public.workspace_deployments.private_key: not null yes here, no there\n"
     "column public.workspace_deployments.private_key: default '' here, none there\n"
     "column public.workspace_deployments.private_key_nonce: not null yes here, no there\n"
     "column public.workspace_deployments.private_key_nonce: default '' here, none there\n"
     "column public.workspace_deployments.public_key: not null yes here, no there\n"
     "column public.workspace_deployments.public_key: default '' here, none there\n"
     "column public.workspace_deployments.data_plane_url: not null yes here, no there\n"
     "column public.workspace_deployments.data_plane_url: default '' here, none there\n"
     "column public.workspace_deployments.data_plane_url_nonce: not null yes here, no there\n"
     "column public.workspace_deployments.data_plane_url_nonce: default '' here, none there\n"
     "column public.workspace_invitations.email: not null yes here, no there\n"
     "column public.workspace_invitations.email: default '' here, none there\n"
     "table public.agent_chats: there, not here\n"
     "table public.agent_messages: there, not here\n"
     "table public.agent_sessions: there, not here\n"
     "table public.clusters: there, not here\n"
     "table public.evaluation_results: there, not here\n"
     "table public.event_clusters: there, not here\n"
     "table public.events: there, not here\n"
     "table public.project_settings: there, not here\n"
     "table public.semantic_event_definitions: there, not here\n"
     "table public.semantic_event_trigger_spans: there, not here\n"},
    // Its migrations use pg_trgm's operator classes without creating the extension; migrate() then
    // stops where a hand-written migration builds an index CONCURRENTLY (sql-concurrently-in-transaction).
    {"useautumn__autumn/shared__drizzle", "corpus_autumn", "CREATE EXTENSION pg_trgm;",
     "CREATE INDEX CONCURRENTLY cannot run inside a transaction block", ""},
    // A Supabase project: besides the auth schema its migrations call the platform's realtime
    // functions, which plain PostgreSQL has not; its SQL against its snapshots is in the replay proof.
    {"onlook-dev__onlook/apps__backend__supabase__migrations", "corpus_onlook",
     "CREATE SCHEMA auth; CREATE TABLE auth.users (id uuid PRIMARY KEY, email text, raw_user_meta_data jsonb); CREATE ROLE authenticated; "
     "CREATE ROLE anon; CREATE ROLE service_role; "
     "CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS 'SELECT NULL::uuid';",
     "schema \"realtime\" does not exist", ""},
};

TEST(DbSchemaCorpus, MigratedCatalogEqualsTheReplayAndTheLastSnapshotBarItsDefects) {
  for (const CorpusFolder& c : kFolders) {
    SCOPED_TRACE(c.path);
    const fs::path folder = corpus_dir() / c.path;
    std::string url = create_test_database(c.database);
    if (url.empty()) return;
    if (*c.setup) psql(url, c.setup);
    RunResult migrated = drizzle_migrate(folder, url);
    if (*c.migrate_fails_with) {
      EXPECT_NE(migrated.exit_code, 0);
      EXPECT_NE((migrated.out + migrated.err).find(c.migrate_fails_with), std::string::npos) << migrated.err;
      continue;
    }
    EXPECT_EQ(migrated.exit_code, 0) << migrated.err;
    if (migrated.exit_code != 0) continue;

    auto loaded = load_folder(folder, c.path, std::nullopt);
    ASSERT_TRUE(std::holds_alternative<Folder>(loaded));
    const Folder& f = std::get<Folder>(loaded);
    pg::Connection connection(url);
    pg::ReadOnlyTransaction tx(connection);
    auto read = schema::read_postgres_catalog(connection, {"drizzle", "__drizzle_migrations"});
    tx.commit();
    ASSERT_TRUE(std::holds_alternative<Schema>(read)) << std::get<schema::CatalogError>(read).message;
    const Schema& catalog = std::get<Schema>(read);

    const auto history = schema::SchemaHistory::build(f);
    const Schema replayed = history->replay_sql_through(f.migrations.size());
    EXPECT_FALSE(replayed.everything_unknown);
    EXPECT_EQ(differences(replayed, catalog), "") << "the replay against the catalog";

    ASSERT_TRUE(f.migrations.back().snapshot);
    const auto last = schema::schema_from_snapshot(read_file(folder / f.migrations.back().snapshot->relative_path),
                                                   Dialect::PostgreSQL);
    ASSERT_TRUE(last.schema) << last.problem;
    EXPECT_EQ(differences(*last.schema, catalog), c.snapshot_differences) << "the last snapshot against the catalog";
  }
}

}  // namespace
}  // namespace miglint::test
