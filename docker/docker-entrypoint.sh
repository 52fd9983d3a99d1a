#!/bin/sh
# Picks the Keel process by its first argument, then execs it, so node is the
# process that receives SIGTERM (no shell left in between to swallow it).
#   api | worker | sandbox | migrate | migrate:revert | <any other command>
set -eu

# The TypeORM CLI loads dist/ormconfig.js straight from process.env, without the
# app's config loader, so it does not read X_FILE secrets itself: resolve the
# two variables it uses here. The app's own processes read X_FILE on their own.
file_env() {
  name=$1
  file=$(printenv "${name}_FILE" || true)
  [ -n "$file" ] || return 0
  if [ -n "$(printenv "$name" || true)" ]; then
    echo "docker-entrypoint: set either $name or ${name}_FILE, not both" >&2
    exit 1
  fi
  value=$(cat "$file")
  unset "${name}_FILE"
  # An empty file means unset, as it does for the app's own loader (ormconfig falls
  # back from DATABASE_MIGRATION_URL to DATABASE_URL only when the first is unset).
  if [ -n "$value" ]; then export "$name=$value"; else unset "$name"; fi
}

tracing='./dist/libs/platform/src/observability/tracing/register.js'

role=${1:-api}
case "$role" in
  api | worker | sandbox | migrate | migrate:revert) [ $# -eq 0 ] || shift ;;
esac

case "$role" in
  api)
    exec node --enable-source-maps --require "$tracing" dist/apps/api/src/main.js "$@"
    ;;
  worker)
    exec node --enable-source-maps --require "$tracing" dist/apps/worker/src/main.js "$@"
    ;;
  sandbox)
    exec node --enable-source-maps dist/apps/payment-sandbox/src/main.js "$@"
    ;;
  migrate | migrate:revert)
    file_env DATABASE_URL
    file_env DATABASE_MIGRATION_URL
    if [ "$role" = migrate ]; then action=migration:run; else action=migration:revert; fi
    # The image has dist/ already; `npm run migration:run` would rebuild with dev tools it lacks.
    exec node node_modules/typeorm/cli.js -d dist/ormconfig.js "$action"
    ;;
  *)
    exec "$@"
    ;;
esac
