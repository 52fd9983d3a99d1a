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

# --max-old-space-size from the container's memory limit (cgroup v2 memory.max or
# v1 memory.limit_in_bytes): 70 % of (limit - 128 MB), 64..1024 MB; 128 MB with no
# limit; nothing when NODE_OPTIONS already sets it. The same rule `npm run
# start:api` and the launcher apply (libs/runtime/src/memory/heap-size.ts); each
# app logs the result at boot ("heap limit N MB (from cgroup limit X MB)").
# The young generation follows (--max-semi-space-size, 1/32 of the old space) and glibc
# keeps one malloc arena (MALLOC_ARENA_MAX) unless set: docs/performance.md.
# Computed for the node roles only; $heap is split on purpose: zero, one or two flags
# without spaces.
heap=
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"

role=${1:-api}
case "$role" in
  api | worker | sandbox | migrate | migrate:revert)
    [ $# -eq 0 ] || shift
    heap=$(node dist/apps/launcher/src/heap-flag.js)
    ;;
esac

case "$role" in
  api)
    # shellcheck disable=SC2086 # $heap: zero to two flags, split on purpose
    exec node $heap --require "$tracing" dist/apps/api/src/main.js "$@"
    ;;
  worker)
    # shellcheck disable=SC2086 # $heap: zero to two flags, split on purpose
    exec node $heap --require "$tracing" dist/apps/worker/src/main.js "$@"
    ;;
  sandbox)
    file_env STRIPE_WEBHOOK_SECRET
    file_env RAZORPAY_WEBHOOK_SECRET
    # shellcheck disable=SC2086 # $heap: zero to two flags, split on purpose
    exec node $heap dist/apps/payment-sandbox/src/main.js "$@"
    ;;
  migrate | migrate:revert)
    # ormconfig reads DATABASE_MIGRATION_URL (or DATABASE_URL), each also as *_FILE.
    if [ "$role" = migrate ]; then action=migration:run; else action=migration:revert; fi
    # The image has dist/ already; `npm run migration:run` would rebuild with dev tools it lacks.
    # shellcheck disable=SC2086 # $heap: zero to two flags, split on purpose
    exec node $heap node_modules/typeorm/cli.js -d dist/ormconfig.js "$action"
    ;;
  *)
    exec "$@"
    ;;
esac
