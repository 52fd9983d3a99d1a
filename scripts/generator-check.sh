#!/usr/bin/env bash
# The generators' acceptance test (CI: .ci/run). On a scratch copy of this checkout
# (uncommitted changes included, node_modules symlinked), it runs
#   npm run g:context -- reviews
# and checks that only libs/reviews/ and contexts.ts changed; then adds a command,
# a query and a consumer inside it (g:command, g:query, g:consumer), and runs there
# build, lint, typecheck, depcheck, migration:check, lint:openapi and the generated
# unit and e2e specs. So a template that stops compiling, linting or passing its own tests fails CI.
# Needs PostgreSQL (DATABASE_URL's server or 127.0.0.1:5432) and Redis, like the e2e suite.
# KEEP_SCRATCH=1 keeps the copy for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/keel-generator-check.XXXXXX")
cleanup() { if [ "${KEEP_SCRATCH:-0}" = 1 ]; then echo "scratch copy kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi; }
trap cleanup EXIT

step() { printf '\n-- %s\n' "$*"; }
fail() { echo "generator check FAILED: $*" >&2; exit 1; }

step "scratch copy of the checkout in $SCRATCH"
# Tracked and untracked-but-not-ignored files: what a clone would have, plus work in progress.
# (node_modules may be a symlink, which the ignore rule `node_modules/` does not match: left out by name.)
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' f; do [ -e "$f" ] && [ "$f" != node_modules ] && printf '%s\0' "$f"; done |
  tar --null --no-recursion -T - -cf - | tar -xf - -C "$SCRATCH"
ln -s "$ROOT/node_modules" "$SCRATCH/node_modules"
cd "$SCRATCH"
git init -q && git add -A && git -c user.name=check -c user.email=check@localhost commit -qm "scratch copy" --no-verify
[ ! -e libs/reviews ] || fail "libs/reviews already exists in the checkout"

step "npm run g:context -- reviews"
npm run --silent g:context -- reviews </dev/null
changed=$(git status --porcelain --untracked-files=all | awk '{print $2}')
unexpected=$(echo "$changed" | grep -v -e '^libs/reviews/' -e '^contexts\.ts$' || true)
[ -z "$unexpected" ] || fail "g:context changed files outside libs/reviews/ and contexts.ts: $unexpected"
echo "$changed" | grep -q '^contexts\.ts$' || fail "g:context did not register the context in contexts.ts"
grep -q "^  reviewsContext,$" contexts.ts || fail "CONTEXTS in contexts.ts does not list reviewsContext"

step "g:command, g:query, g:consumer inside reviews"
npm run --silent g:command -- reviews rename-review </dev/null
npm run --silent g:query -- reviews get-review-summary </dev/null
npm run --silent g:consumer -- reviews identity.user-registered welcome-reviewer </dev/null
grep -q 'RenameReviewHandler,' libs/reviews/src/reviews.module.ts || fail "g:command did not register its handler"
grep -q 'GetReviewSummaryHandler,' libs/reviews/src/reviews.module.ts || fail "g:query did not register its handler"
grep -q 'WelcomeReviewerOnUserRegistered,' libs/reviews/src/reviews.module.ts || fail "g:consumer did not register its consumer"
git status --porcelain --untracked-files=all | awk '{print $2}' | grep -v -e '^libs/reviews/' -e '^contexts\.ts$' &&
  fail "g:command/g:query/g:consumer changed files outside libs/reviews/"

step "build";            npm run --silent build
step "lint";             npm run --silent lint
step "typecheck";        npm run --silent typecheck
step "depcheck";         npm run --silent depcheck
step "migration:check";  npm run --silent migration:check
step "lint:openapi (the generated operations pass Spectral's OAS and OWASP rules)"
npm run --silent lint:openapi
step "generated specs (unit + e2e)"
npx jest --runInBand --selectProjects unit e2e -- libs/reviews/
echo
echo "generator check passed"
