#!/bin/sh
# Picks the Keel process by its first argument, then execs it, so node is the
# process that receives SIGTERM (no shell left in between to swallow it).
#   api | worker | sandbox | migrate | migrate:revert | <any other command>
set -eu

# The sandbox is a development tool without the app's config loader: give it the
# X_FILE secrets it needs (the webhook signing secrets it shares with the API) here.
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
  export "$name=$value"
}

tracing='./dist/libs/observability/src/tracing/register.js'

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
    file_env STRIPE_WEBHOOK_SECRET
    file_env RAZORPAY_WEBHOOK_SECRET
    exec node --enable-source-maps dist/apps/payment-sandbox/src/main.js "$@"
    ;;
  migrate | migrate:revert)
    # ormconfig reads DATABASE_MIGRATION_URL (or DATABASE_URL), each also as *_FILE.
    if [ "$role" = migrate ]; then action=migration:run; else action=migration:revert; fi
    # The image has dist/ already; `npm run migration:run` would rebuild with dev tools it lacks.
    exec node node_modules/typeorm/cli.js -d dist/ormconfig.js "$action"
    ;;
  *)
    exec "$@"
    ;;
esac
