#!/bin/sh
# Writes the secret files docker-compose.yml mounts (docker/secrets/*, git-ignored):
# random passwords, and the database URLs that embed the application's password.
# Existing files are kept, so re-running never locks the stack out of its own
# database (PostgreSQL reads POSTGRES_PASSWORD_FILE only when it first initialises).
set -eu
cd "$(dirname "$0")"
# Compose (without Swarm) bind-mounts these files with their host permissions, and
# the containers read them as non-root users (node 1000, postgres 999, grafana 472):
# the files are world-readable, the directory that holds them is not.
chmod 0700 .
umask 022

# Hex only: these passwords are embedded in URLs and must not need escaping.
random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

write_once() {
  if [ -s "$1" ]; then
    echo "kept    docker/secrets/$1"
  else
    printf '%s\n' "$2" > "$1"
    echo "created docker/secrets/$1"
  fi
}

write_once postgres_password "$(random_hex 24)"
write_once postgres_replication_password "$(random_hex 24)"
write_once keel_owner_password "$(random_hex 24)"
write_once keel_app_password "$(random_hex 24)"
write_once jwt_secret "$(random_hex 48)"
write_once grafana_admin_password "$(random_hex 16)"
# For the payment sandbox; replace with the providers' real keys and webhook secrets.
write_once stripe_api_key "sk_test_$(random_hex 16)"
write_once stripe_webhook_secret "whsec_$(random_hex 24)"
write_once razorpay_key_id "rzp_test_$(random_hex 8)"
write_once razorpay_key_secret "$(random_hex 24)"
write_once razorpay_webhook_secret "$(random_hex 24)"
# MinIO's root user and the key the apps use (MinIO needs 3+ and 8+ characters).
write_once s3_access_key_id "keel$(random_hex 8)"
write_once s3_secret_access_key "$(random_hex 24)"

owner=$(cat keel_owner_password)
app=$(cat keel_app_password)
write_once database_migration_url "postgres://keel_owner:${owner}@postgres:5432/keel"
write_once database_url "postgres://keel_app:${app}@postgres:5432/keel"
write_once database_replica_urls "postgres://keel_app:${app}@postgres-replica:5432/keel"
