#!/usr/bin/env node
/**
 * Semantic checks of Keel's deploy files, run by scripts/validate-deploy.sh after
 * the tools that own the syntax (docker-compose, kubectl kustomize, dockerlinter)
 * have accepted them. Reads the *rendered* files, so it checks what would be applied:
 *
 *   node scripts/validate-deploy.mjs --root . --compose resolved-compose.yml \
 *     --k8s production=rendered.yaml --k8s dev=rendered-dev.yaml
 *
 * 1. Kubernetes objects against the API schemas of kubernetes-models (types, enums,
 *    required fields), and against its TypeScript types with tsc, which also rejects
 *    unknown fields (a misspelt `readinesProbe` would otherwise vanish silently).
 * 2. Configuration drift: every variable a Keel container gets (compose environment,
 *    ConfigMap keys, container env) is one Keel reads: a variable of the platform's
 *    environment.schema.ts or of a registered context's settings (contexts.ts), a
 *    variable the code reads from process.env, or X_FILE for such an X.
 *    The values too: each API and worker environment goes through the app's own
 *    validateEnvironment with every context's settings (from the build in dist/:
 *    `npm run validate:deploy` builds first), with the variables that come from
 *    secret files taken as given.
 * 3. Operability rules that a schema cannot express: drain timings vs grace periods,
 *    probes, rollout strategy, HPA/PDB/Service selectors, security context, secret
 *    files mounted where their *_FILE variables point.
 *
 * Prints every problem, exits 1 if there is any.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const args = parseArgs(process.argv.slice(2));
const root = resolve(args.root ?? process.cwd());
const require = createRequire(join(root, 'package.json'));
const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

/** Container env that belongs to the image, not to the app's schema. */
const IMAGE_VARIABLES = new Set(['HEALTHCHECK_PORT']);
/** Extra time between the app's own shutdown bound and the platform's SIGKILL. */
const GRACE_MARGIN_S = 5;
const app = loadBuiltConfig(root);
const knownVariables = readKnownVariables(root);
/** The app's defaults (environment.schema.ts) when neither compose nor k8s sets them. */
const schemaDefaults = readSchemaDefaults(root);

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const out = { k8s: [], types: true };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    if (flag === '--root') out.root = value;
    else if (flag === '--types') out.types = value !== 'false';
    else if (flag === '--dockerfile') out.dockerfile = value;
    else if (flag === '--compose') out.compose = value;
    else if (flag === '--k8s') {
      const at = value.indexOf('=');
      out.k8s.push(at > 0 ? [value.slice(0, at), value.slice(at + 1)] : [value, value]);
    } else throw new Error(`unknown flag ${flag}`);
  }
  return out;
}

/**
 * The built app's config validation and the settings classes of every registered
 * context (dist/contexts.js), so the check covers exactly what boot validates.
 */
function loadBuiltConfig(repo) {
  const kernelIndex = join(repo, 'dist/libs/kernel/src/index.js');
  const contextsFile = join(repo, 'dist/contexts.js');
  for (const file of [kernelIndex, contextsFile]) {
    try {
      statSync(file);
    } catch {
      throw new Error(`${relative(repo, file)} not found: run \`npm run build\` first (npm run validate:deploy does)`);
    }
  }
  require('reflect-metadata');
  const kernel = require(kernelIndex);
  const settings = kernel.settingsOf(require(contextsFile).CONTEXTS);
  return {
    variables: kernel.knownVariables(settings),
    validate: (env) => kernel.validateEnvironment(env, settings),
  };
}

/**
 * Variables of the platform and of every context's settings, plus every NAME the code reads from an environment object:
 * `env.NAME` / `process.env.NAME`, and any UPPER_SNAKE property access such as
 * `resolved.DATABASE_MIGRATION_URL` (generous on purpose: the check is for typos
 * and stale names, which appear nowhere in the code).
 */
function readKnownVariables(repo) {
  const fields = new Set(app.variables);
  if (fields.size < 10) throw new Error('could not read the variables of the built config');
  const read = new Set();
  for (const file of sourceFiles(repo)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) read.add(m[1]);
    for (const m of text.matchAll(/\.([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/g)) read.add(m[1]);
  }
  const loader = readFileSync(join(repo, 'libs/kernel/src/config/load-environment.ts'), 'utf8');
  return { fields, read, fileSecrets: loader.includes('_FILE') };
}

function sourceFiles(repo) {
  const out = [join(repo, 'ormconfig.ts')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !/\.(spec|e2e-spec|smoke-spec)\.ts$/.test(path)) out.push(path);
    }
  };
  walk(join(repo, 'apps'));
  walk(join(repo, 'libs'));
  return out;
}

function readSchemaDefaults(repo) {
  const schema = readFileSync(join(repo, 'libs/kernel/src/config/environment.schema.ts'), 'utf8');
  const defaults = {};
  for (const m of schema.matchAll(/^\s{2}(SHUTDOWN_[A-Z_]+_MS)\s*=\s*([\d_]+);/gm)) defaults[m[1]] = Number(m[2].replaceAll('_', ''));
  if (defaults.SHUTDOWN_DRAIN_MS === undefined || defaults.SHUTDOWN_TIMEOUT_MS === undefined) {
    throw new Error('could not read the SHUTDOWN_* defaults of environment.schema.ts');
  }
  return defaults;
}

/** The app's validateEnvironment over the platform's and every context's settings (loadBuiltConfig). */
function validateWithSchema(where, env) {
  // Secrets arrive as files at run time: X_FILE counts as X being set correctly.
  const fromFiles = new Set(
    Object.keys(env)
      .filter((n) => n.endsWith('_FILE'))
      .map((n) => n.slice(0, -'_FILE'.length)),
  );
  const plain = Object.fromEntries(Object.entries(env).filter(([n]) => !n.endsWith('_FILE') && !IMAGE_VARIABLES.has(n)));
  try {
    app.validate(plain);
  } catch (error) {
    if (!Array.isArray(error.problems)) throw error;
    for (const problem of error.problems) {
      if (!fromFiles.has(problem.split(' ')[0])) fail(where, `the app's config validation rejects: ${problem}`);
    }
  }
}

function checkVariable(where, name) {
  if (IMAGE_VARIABLES.has(name) || knownVariables.fields.has(name) || knownVariables.read.has(name)) return;
  const base = name.endsWith('_FILE') ? name.slice(0, -'_FILE'.length) : undefined;
  if (base && knownVariables.fileSecrets && (knownVariables.fields.has(base) || knownVariables.read.has(base))) return;
  fail(
    where,
    `${name} is not a variable Keel reads (environment.schema.ts, a context's settings, process.env in the code, or X_FILE for such an X)`,
  );
}

/** Seconds a process may take after SIGTERM: the API drains then closes; the worker only closes (apps/worker/src/main.ts). */
function drainBudgetS(env, where, role) {
  const number = (name) => {
    const value = env[name] ?? schemaDefaults[name];
    const n = Number(value);
    if (!Number.isFinite(n)) fail(where, `${name}=${value} is not a number`);
    return n;
  };
  return ((role === 'worker' ? 0 : number('SHUTDOWN_DRAIN_MS')) + number('SHUTDOWN_TIMEOUT_MS')) / 1000;
}

// ---- Dockerfile build context ---------------------------------------------------------------

/**
 * Every `COPY <src>` from the build context (not `--from=` a stage) must survive the
 * context's .dockerignore, or the build fails with "not found" only on a real engine.
 * .dockerignore rules: paths relative to the context, `*`/`?`/`**` globs, a pattern
 * also covers everything below a matched directory, `!` re-includes, last match wins.
 */
function checkDockerContext(dockerfile, context) {
  let ignore = '';
  try {
    ignore = readFileSync(join(context, '.dockerignore'), 'utf8');
  } catch {
    return;
  }
  const rules = ignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      const glob = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      const source = glob
        .split('**')
        .map((part) =>
          part
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replaceAll('*', '[^/]*')
            .replaceAll('?', '[^/]'),
        )
        .join('.*');
      return { negated, regex: new RegExp(`^${source}(/.*)?$`) };
    });
  const excluded = (path) => rules.reduce((out, rule) => (rule.regex.test(path) ? !rule.negated : out), false);
  const text = readFileSync(dockerfile, 'utf8').replace(/\\\n/g, ' ');
  for (const line of text.split('\n')) {
    const m = /^\s*(?:COPY|ADD)\s+(.*)$/i.exec(line);
    if (!m || /--from=/.test(m[1])) continue;
    const parts = m[1].split(/\s+/).filter((p) => p && !p.startsWith('--'));
    for (const source of parts.slice(0, -1)) {
      const path = source.replace(/^\.\/?/, '').replace(/\/+$/, '');
      if (path && excluded(path)) fail('Dockerfile', `COPY ${source}: excluded from the build context by .dockerignore`);
    }
  }
}

// ---- compose --------------------------------------------------------------------------------

function durationS(value) {
  const m = /^(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/.exec(String(value));
  if (!m || (!m[1] && !m[2])) return NaN;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

function checkCompose(file) {
  const compose = loadYaml(file)[0];
  const services = compose.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    const where = `compose ${name}`;
    const keel = String(service.build?.dockerfile ?? '').endsWith('docker/Dockerfile');
    const env = service.environment ?? {};
    const oneShot = service.restart === 'no';
    if (keel) {
      for (const variable of Object.keys(env)) checkVariable(where, variable);
      const mounted = new Set((service.secrets ?? []).map((s) => `/run/secrets/${s.target ?? s.source ?? s}`));
      for (const [variable, value] of Object.entries(env)) {
        if (variable.endsWith('_FILE') && String(value).startsWith('/run/secrets/') && !mounted.has(String(value))) {
          fail(where, `${variable} points at ${value}, but that secret is not given to the service`);
        }
      }
      if (!oneShot && ['api', 'worker'].includes(service.command?.[0])) {
        validateWithSchema(where, Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)])));
        const budget = drainBudgetS(env, where, service.command[0]);
        const grace = durationS(service.stop_grace_period ?? '10s');
        if (!(grace >= budget + GRACE_MARGIN_S)) {
          fail(
            where,
            `stop_grace_period ${service.stop_grace_period ?? '10s (default)'} must be at least the shutdown budget (SHUTDOWN_DRAIN_MS for the API, + SHUTDOWN_TIMEOUT_MS) + ${GRACE_MARGIN_S} s = ${budget + GRACE_MARGIN_S} s`,
          );
        }
      }
    }
    for (const [dependency, spec] of Object.entries(service.depends_on ?? {})) {
      if (!services[dependency]) fail(where, `depends_on ${dependency}, which is not a service`);
      else if (!spec?.condition) fail(where, `depends_on ${dependency} without a condition`);
      else if (spec.condition === 'service_healthy' && (!services[dependency].healthcheck || services[dependency].healthcheck.disable)) {
        fail(where, `waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`);
      }
    }
    // Long-running services need a healthcheck; an image with nothing to probe with must say so.
    const hasHealthcheck = (service.healthcheck && !service.healthcheck.disable) || keel; // keel: the image's HEALTHCHECK
    const unprobeable = ['otel-collector', 'jaeger', 'nginx-exporter'].includes(name);
    if (!oneShot && !hasHealthcheck && !unprobeable) fail(where, 'a long-running service without a healthcheck');
  }
}

// ---- kubernetes -----------------------------------------------------------------------------

function loadYaml(file) {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  for (const doc of docs) if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
  return docs.map((d) => d.toJS()).filter((d) => d != null);
}

function modelOf(object) {
  try {
    return require(`kubernetes-models/${object.apiVersion}/${object.kind}`)[object.kind];
  } catch {
    return undefined;
  }
}

function podSpecOf(object) {
  if (object.kind === 'Deployment') return object.spec?.template?.spec;
  if (object.kind === 'Job') return object.spec?.template?.spec;
  return undefined;
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function checkKubernetes(overlay, file) {
  const objects = loadYaml(file);
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const id = (o) => `${overlay} ${o.kind}/${o.metadata?.name}`;

  for (const object of objects) {
    const Model = modelOf(object);
    if (!Model) {
      fail(id(object), `unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      const details = (error.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
      fail(id(object), `schema: ${details || error.message}`);
    }
  }

  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const deployments = byKind('Deployment');
  const hpaTargets = new Set(byKind('HorizontalPodAutoscaler').map((h) => h.spec?.scaleTargetRef?.name));

  if (
    !byKind('NetworkPolicy').some(
      (p) =>
        Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
        p.spec?.policyTypes?.includes('Ingress') &&
        p.spec?.policyTypes?.includes('Egress') &&
        !p.spec.ingress &&
        !p.spec.egress,
    )
  ) {
    fail(overlay, 'no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)');
  }

  for (const object of [...deployments, ...byKind('Job')]) {
    const where = id(object);
    const pod = podSpecOf(object);
    if (!pod) continue;
    const podSecurity = pod.securityContext ?? {};
    if (podSecurity.runAsNonRoot !== true) fail(where, 'pod securityContext.runAsNonRoot must be true');
    if (podSecurity.seccompProfile?.type !== 'RuntimeDefault') fail(where, 'pod seccompProfile must be RuntimeDefault');
    if (pod.automountServiceAccountToken !== false) fail(where, 'automountServiceAccountToken must be false');
    const mountedVolumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));

    for (const container of pod.containers ?? []) {
      const cwhere = `${where} container ${container.name}`;
      const security = container.securityContext ?? {};
      if (security.allowPrivilegeEscalation !== false) fail(cwhere, 'allowPrivilegeEscalation must be false');
      if (security.readOnlyRootFilesystem !== true) fail(cwhere, 'readOnlyRootFilesystem must be true');
      if (!security.capabilities?.drop?.includes('ALL')) fail(cwhere, 'capabilities must drop ALL');
      for (const kind of ['requests', 'limits']) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource]) fail(cwhere, `resources.${kind}.${resource} is not set`);
        }
      }
      if (/:latest$|^[^:]+$/.test(container.image ?? '')) fail(cwhere, `image ${container.image} has no pinned tag`);
      const mounts = container.volumeMounts ?? [];
      if (!mounts.some((m) => m.mountPath === '/tmp' && mountedVolumes.get(m.name)?.emptyDir)) {
        fail(cwhere, 'read-only root filesystem needs an emptyDir mounted at /tmp');
      }

      // The environment the process gets: ConfigMaps from envFrom, then env (which wins).
      const env = {};
      for (const source of container.envFrom ?? []) {
        const name = source.configMapRef?.name;
        if (name === undefined) continue;
        if (!configMaps.has(name)) fail(cwhere, `envFrom ConfigMap ${name} is not part of the overlay`);
        Object.assign(env, configMaps.get(name));
      }
      for (const variable of container.env ?? []) env[variable.name] = variable.value ?? '(from a reference)';
      if (!['sandbox'].includes(container.args?.[0])) for (const variable of Object.keys(env)) checkVariable(cwhere, variable);

      for (const [variable, path] of Object.entries(env)) {
        if (!variable.endsWith('_FILE')) continue;
        const mount = mounts.find((m) => String(path).startsWith(`${m.mountPath}/`));
        const volume = mount && mountedVolumes.get(mount.name);
        if (!volume?.secret) fail(cwhere, `${variable}=${path} is not under a mounted Secret volume`);
      }

      if (object.kind !== 'Deployment' || !['api', 'worker'].includes(container.args?.[0])) continue;
      validateWithSchema(cwhere, env);
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        if (!container[probe]?.httpGet) fail(cwhere, `${probe} (httpGet) is missing`);
      }
      if (container.readinessProbe?.httpGet?.path !== '/health/ready') fail(cwhere, 'readinessProbe must use /health/ready');
      if (container.livenessProbe?.httpGet?.path !== '/health/live') fail(cwhere, 'livenessProbe must use /health/live');
      const preStop = container.lifecycle?.preStop;
      const preStopS = preStop?.exec?.command?.[0] === 'sleep' ? Number(preStop.exec.command[1]) : (preStop?.sleep?.seconds ?? 0);
      const needed = preStopS + drainBudgetS(env, cwhere, container.args[0]) + GRACE_MARGIN_S;
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      if (grace < needed) {
        fail(
          where,
          `terminationGracePeriodSeconds ${grace} < preStop ${preStopS} s + shutdown budget (SHUTDOWN_DRAIN_MS for the API, + SHUTDOWN_TIMEOUT_MS) + ${GRACE_MARGIN_S} s = ${needed} s`,
        );
      }
    }

    if (object.kind === 'Deployment') {
      const rolling = object.spec?.strategy?.rollingUpdate;
      if (object.spec?.strategy?.type !== 'RollingUpdate' || String(rolling?.maxUnavailable) !== '0') {
        fail(where, 'strategy must be RollingUpdate with maxUnavailable: 0');
      }
      if (hpaTargets.has(object.metadata.name) && object.spec.replicas !== undefined) {
        fail(where, 'spec.replicas is set although an HPA scales it (every apply would reset the scale)');
      }
      if (!matches(object.spec?.selector?.matchLabels, object.spec?.template?.metadata?.labels)) {
        fail(where, 'selector does not match the pod template labels');
      }
    }
  }

  const podLabels = deployments.map((d) => d.spec?.template?.metadata?.labels ?? {});
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = hpa.spec?.scaleTargetRef;
    if (!deployments.some((d) => d.metadata.name === target?.name && target?.kind === 'Deployment')) {
      fail(id(hpa), `scaleTargetRef ${target?.kind}/${target?.name} is not in the overlay`);
    }
    if (!(hpa.spec?.minReplicas >= 1 && hpa.spec.maxReplicas >= hpa.spec.minReplicas))
      fail(id(hpa), 'needs 1 <= minReplicas <= maxReplicas');
  }
  for (const pdb of byKind('PodDisruptionBudget')) {
    if (!podLabels.some((labels) => matches(pdb.spec?.selector?.matchLabels, labels))) fail(id(pdb), 'selector matches no Deployment');
  }
  for (const service of byKind('Service')) {
    if (!podLabels.some((labels) => matches(service.spec?.selector, labels))) fail(id(service), 'selector matches no Deployment');
  }
  const services = new Set(byKind('Service').map((s) => s.metadata.name));
  for (const ingress of byKind('Ingress')) {
    if (!ingress.spec?.tls?.length) fail(id(ingress), 'no TLS section');
    for (const rule of ingress.spec?.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        if (!services.has(path.backend?.service?.name))
          fail(id(ingress), `backend ${path.backend?.service?.name} is not a Service of the overlay`);
      }
    }
  }
}

/**
 * tsc against kubernetes-models' interfaces: object literals get excess-property
 * checks at every depth, which catches unknown (e.g. misspelt) fields that the
 * JSON schemas accept.
 */
function checkKubernetesTypes(rendered) {
  const dir = mkdtempSync(join(tmpdir(), 'keel-k8s-types-'));
  try {
    const imports = new Map();
    const consts = [];
    rendered.forEach(([overlay, file]) => {
      loadYaml(file).forEach((object, index) => {
        if (!modelOf(object)) return; // reported by checkKubernetes
        const type = `I${object.kind}`;
        const alias = `${type}_${object.apiVersion.replace(/[^A-Za-z0-9]/g, '_')}`;
        imports.set(alias, `import type { ${type} as ${alias} } from 'kubernetes-models/${object.apiVersion}/${object.kind}';`);
        consts.push(
          `// ${overlay} ${object.kind}/${object.metadata?.name}\nexport const o_${consts.length}_${index}: ${alias} = ${JSON.stringify(object, null, 2)};`,
        );
      });
    });
    writeFileSync(join(dir, 'manifests.ts'), `${[...imports.values()].join('\n')}\n\n${consts.join('\n\n')}\n`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          skipLibCheck: true,
          types: [],
          typeRoots: [],
          paths: { 'kubernetes-models/*': [join(root, 'node_modules/kubernetes-models/*')] },
        },
        files: ['manifests.ts'],
      }),
    );
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { stdio: 'pipe' });
    } catch (error) {
      const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
      fail('kubernetes types', `tsc rejected the rendered objects (unknown or mistyped fields):\n${indentTscOutput(output, dir)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function indentTscOutput(output, dir) {
  const manifest = readFileSync(join(dir, 'manifests.ts'), 'utf8').split('\n');
  return output
    .split('\n')
    .filter((line) => line.includes('error TS'))
    .slice(0, 20)
    .map((line) => {
      // Name the object the error is in: the nearest "// overlay Kind/name" comment above the line.
      const at = /manifests\.ts\((\d+),/.exec(line);
      let owner = '';
      for (let i = at ? Number(at[1]) - 1 : -1; i >= 0; i--) {
        if (manifest[i].startsWith('// ')) {
          owner = manifest[i].slice(3);
          break;
        }
      }
      return `      ${owner ? `[${owner}] ` : ''}${line.replace(`${relative(process.cwd(), dir)}/`, '').replace(/^.*?error /, 'error ')}`;
    })
    .join('\n');
}

// ---- run (last, so every declaration above is initialised) -------------------------------

if (args.dockerfile) checkDockerContext(args.dockerfile, resolve(args.dockerfile, '../..'));
if (args.compose) checkCompose(args.compose);
for (const [name, file] of args.k8s) checkKubernetes(name, file);
if (args.k8s.length > 0 && args.types) checkKubernetesTypes(args.k8s);

if (problems.length > 0) {
  console.error(`validate-deploy: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
process.stdout.write(
  `validate-deploy: compose ${args.compose ? 'ok' : 'skipped'}, kubernetes ${args.k8s.map(([n]) => n).join(', ') || 'skipped'} ok\n`,
);
