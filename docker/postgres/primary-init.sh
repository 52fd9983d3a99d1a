#!/bin/bash
# Runs once, from /docker-entrypoint-initdb.d, when the primary's data directory is
# first initialised (as the superuser, before any migration):
#  - Keel's two roles through scripts/db/create-roles.sql: keel_owner owns the
#    schemas and runs the migrations, keel_app (API, worker) only reads and writes rows;
#  - a login role for streaming replication, the physical slot the replica streams
#    from (the primary keeps the WAL it has not received yet, bounded by
#    max_slot_wal_keep_size), and the pg_hba entry letting it connect.
set -euo pipefail

secrets=${SECRETS_DIR:-/run/secrets}
roles_sql=${KEEL_ROLES_SQL:-/keel/create-roles.sql}

# One psql session: the settings create-roles.sql reads, then the script itself.
# Passwords travel as psql variables (quoted by psql), never spliced into SQL text.
{
  # Query results (the settings echo the passwords back) must not reach the init log.
  echo '\o /dev/null'
  echo "SELECT set_config('keel.owner_role', 'keel_owner', false), set_config('keel.app_role', 'keel_app', false),"
  echo "       set_config('keel.owner_password', :'owner_password', false), set_config('keel.app_password', :'app_password', false);"
  cat "$roles_sql"
  echo "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'replication_password';"
  echo "SELECT pg_create_physical_replication_slot('keel_replica_1');"
} | psql -v ON_ERROR_STOP=1 --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=owner_password="$(cat "$secrets/keel_owner_password")" \
  --set=app_password="$(cat "$secrets/keel_app_password")" \
  --set=replication_password="$(cat "$secrets/postgres_replication_password")"

# "all" in the database column does not match replication connections: name them.
echo 'host replication replicator all scram-sha-256' >> "$PGDATA/pg_hba.conf"
