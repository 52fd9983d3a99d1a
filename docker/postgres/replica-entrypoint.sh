#!/bin/bash
# Entry point of the streaming replica (runs as the postgres user). On an empty
# data directory it clones the primary with pg_basebackup, which also writes
# standby.signal and primary_conninfo (-R); afterwards it only starts postgres,
# which resumes streaming from its slot.
set -euo pipefail

: "${PGDATA:=/var/lib/postgresql/data}"
: "${PRIMARY_HOST:?}"
: "${REPLICATION_SLOT:?}"
: "${PRIMARY_PORT:=5432}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  PGPASSWORD=$(cat "${SECRETS_DIR:-/run/secrets}/postgres_replication_password")
  export PGPASSWORD
  until pg_isready -q -h "$PRIMARY_HOST" -p "$PRIMARY_PORT"; do
    echo "replica: waiting for the primary at $PRIMARY_HOST" >&2
    sleep 1
  done
  pg_basebackup -h "$PRIMARY_HOST" -p "$PRIMARY_PORT" -U replicator -D "$PGDATA" \
    --slot="$REPLICATION_SLOT" --wal-method=stream --write-recovery-conf \
    --checkpoint=fast --progress
  unset PGPASSWORD
fi

# PostgreSQL refuses a data directory others can read.
chmod 0700 "$PGDATA"
# Extra arguments (e.g. -c settings) go to postgres.
exec postgres -c hot_standby=on -c hot_standby_feedback=on "$@"
