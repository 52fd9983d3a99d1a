import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, ROOT, runNode, RunningProcess, statusOf, waitFor } from '../../support/processes';
import { Nginx, selfSignedCertificate } from './nginx';
import { PostgresServer } from './postgres';
import { RedisServer } from '../../support/redis-server';
import { SmtpSink } from '../../support/smtp-sink';
import { TestObjectStorage } from '../../support/object-storage';
import { traversableTempDir } from './temp-dir';

const run = promisify(execFile);

export const ADMIN = { email: 'system-admin@example.com', password: 'system admin password' };
export const REPLICATION_SLOT = 'keel_system_replica';

/** Production refuses the sandbox's well-known keys, so this deployment has its own (the sandbox accepts any). */
const PROVIDER_SECRETS = {
  STRIPE_API_KEY: `sk_test_system_${randomBytes(8).toString('hex')}`,
  STRIPE_WEBHOOK_SECRET: `whsec_system_${randomBytes(16).toString('hex')}`,
  RAZORPAY_KEY_ID: `rzp_test_system_${randomBytes(8).toString('hex')}`,
  RAZORPAY_KEY_SECRET: randomBytes(16).toString('hex'),
  RAZORPAY_WEBHOOK_SECRET: randomBytes(16).toString('hex'),
};

/**
 * Drain after SIGTERM. Longer than nginx's upstream keep-alive timeout, so nginx
 * has dropped its idle connections to a stopping instance before it closes.
 */
export const SHUTDOWN_DRAIN_MS = 3000;

/** One app process (API or worker) that the scenarios restart, stop and kill. */
export class AppInstance {
  process!: RunningProcess;
  /** Exit status of every stop so far (SIGTERM must exit 0). */
  readonly exits: Array<{ code: number | null; signal: NodeJS.Signals | null; output: string }> = [];
  starts = 0;
  /** Every process this instance ran, oldest first. */
  readonly runs: RunningProcess[] = [];

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    /** Where readiness and liveness are served (API port or worker probe port). */
    readonly probePort: number,
  ) {}

  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  get running(): boolean {
    return !!this.process && this.process.child.exitCode === null && this.process.child.signalCode === null;
  }

  async start(): Promise<void> {
    this.process = runNode(this.entry, this.env);
    this.runs.push(this.process);
    this.starts++;
    const p = this.process;
    await waitFor(
      async () => {
        if (p.child.exitCode !== null) throw new Error(`${this.name} exited ${p.child.exitCode}: ${p.output().slice(-3000)}`);
        return (await statusOf(`http://127.0.0.1:${this.probePort}/health/ready`)) === 200;
      },
      `${this.name} ready`,
      // Booting Nest with OpenTelemetry preloaded takes seconds, longer on a busy 2-core CI machine.
      120_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; its output: ${p.output().slice(-3000)}`);
    });
  }

  /** The readiness status, or 0 when the probe got no answer within 5 s (a typical probe timeout). */
  async readiness(): Promise<number> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.probePort}/health/ready`, { signal: AbortSignal.timeout(5000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  /** SIGTERM and wait for the exit (graceful shutdown: drain, finish in-flight work). */
  async terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.signal('SIGTERM');
  }

  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    return this.signal('SIGKILL');
  }

  private async signal(signal: NodeJS.Signals) {
    const p = this.process;
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
    const exit = await p.exited;
    this.exits.push({ ...exit, output: p.output() });
    return exit;
  }

  stopNow(): void {
    if (this.running) this.process.child.kill('SIGKILL');
  }
}

/**
 * The production topology on loopback: nginx (TLS) → two API instances; two
 * workers; the payment sandbox; a PostgreSQL primary with a streaming replica;
 * Redis. Every server is the test's own, so scenarios may stop any of them.
 */
export class SystemTopology {
  readonly dir = traversableTempDir('keel-system-');
  primary!: PostgresServer;
  replica!: PostgresServer;
  redis!: RedisServer;
  storage?: TestObjectStorage;
  nginx!: Nginx;
  sandbox!: RunningProcess;
  sandboxUrl!: string;
  /** The SMTP server the instances send mail to (SMTP_URL is required with NODE_ENV=production). */
  smtp!: SmtpSink;
  readonly apis: AppInstance[] = [];
  readonly workers: AppInstance[] = [];
  baseUrl!: string;
  ca!: Buffer;
  private stopped = false;
  private readonly onExit = () => this.stopNow();
  private readonly began = performance.now();

  /** Progress on the test output, so a slow CI run shows where it is. */
  phase(what: string): void {
    process.stdout.write(`[system] ${what} (${((performance.now() - this.began) / 1000).toFixed(1)} s)\n`);
  }

  async start(): Promise<void> {
    // Whatever happens to the test run, leave no server behind.
    process.once('exit', this.onExit);
    const phase = (what: string) => this.phase(what);
    const [primaryPort, replicaPort, redisPort, nginxPort, sandboxPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const apiPorts = [await freePort(), await freePort()];

    this.primary = new PostgresServer('primary', this.dir, primaryPort);
    await this.primary.initPrimary();
    await this.primary.start();
    await this.primary.query('CREATE DATABASE keel', [], 'postgres');
    this.replica = new PostgresServer('replica', this.dir, replicaPort);
    await this.replica.initReplica(this.primary, REPLICATION_SLOT);
    await this.replica.start();
    phase('PostgreSQL primary and streaming replica up');

    this.redis = new RedisServer(this.dir, redisPort);
    await this.redis.start();
    phase('Redis up');

    // Object storage (invoices of the paid orders): the embedded S3 server, as in the e2e tests.
    this.storage = await TestObjectStorage.start();
    phase('object storage up');

    // The migration job of a deploy: `typeorm migration:run` on the compiled ormconfig, once, before any instance.
    await run(process.execPath, [join(ROOT, 'node_modules/typeorm/cli.js'), '-d', join(ROOT, 'dist/ormconfig.js'), 'migration:run'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: this.primary.url('keel') },
      timeout: 120_000,
    });
    phase('migrations applied');

    const tls = selfSignedCertificate(this.dir);
    this.ca = readFileSync(tls.cert);
    this.baseUrl = `https://127.0.0.1:${nginxPort}`;

    this.sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    this.sandbox = runNode('dist/apps/payment-sandbox/src/main.js', {
      SANDBOX_PORT: String(sandboxPort),
      // Webhooks come in through the load balancer, over TLS, like a real provider's.
      SANDBOX_WEBHOOK_BASE: `${this.baseUrl}/api/v1/payments/webhooks`,
      NODE_EXTRA_CA_CERTS: tls.cert,
      STRIPE_WEBHOOK_SECRET: PROVIDER_SECRETS.STRIPE_WEBHOOK_SECRET,
      RAZORPAY_WEBHOOK_SECRET: PROVIDER_SECRETS.RAZORPAY_WEBHOOK_SECRET,
      LOG_LEVEL: 'silent',
    });
    await waitFor(async () => (await statusOf(`${this.sandboxUrl}/__sandbox/health`)) === 200, 'payment sandbox up', 30_000);
    phase('payment sandbox up');

    this.smtp = await SmtpSink.start();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      SMTP_URL: this.smtp.url,
      DATABASE_URL: this.primary.url('keel'),
      DATABASE_REPLICA_URLS: this.replica.url('keel'),
      REDIS_URL: this.redis.url,
      ...this.storage!.env,
      QUEUE_PREFIX: 'system',
      JWT_SECRET: 'system-test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      STRIPE_API_BASE: this.sandboxUrl,
      RAZORPAY_API_BASE: this.sandboxUrl,
      ...PROVIDER_SECRETS,
      PAYMENTS_ENABLED: 'true',
      // The load generator is one client hammering the API: limits would be what the test measures.
      RATE_LIMIT_ENABLED: 'false',
      SHUTDOWN_DRAIN_MS: String(SHUTDOWN_DRAIN_MS),
      SHUTDOWN_TIMEOUT_MS: '15000',
      // A dead worker's jobs are handed over after this long.
      QUEUE_LOCK_DURATION_MS: '4000',
    };

    this.nginx = new Nginx(this.dir, nginxPort, apiPorts, tls);
    for (const [i, port] of apiPorts.entries()) {
      const metricsPort = await freePort();
      this.apis.push(
        new AppInstance(
          `api-${i + 1}`,
          'dist/apps/api/src/main.js',
          { ...env, PORT: String(port), METRICS_PORT: String(metricsPort) },
          port,
        ),
      );
    }
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      this.workers.push(new AppInstance(`worker-${i + 1}`, 'dist/apps/worker/src/main.js', { ...env, WORKER_PORT: String(port) }, port));
    }
    // The first API creates the admin at boot; start the second after it to avoid racing on it.
    await this.apis[0].start();
    phase('api-1 ready');
    await Promise.all([this.apis[1].start(), ...this.workers.map((w) => w.start())]);
    phase('api-2, worker-1 and worker-2 ready');
    await this.nginx.start();
    phase('nginx up');
  }

  /**
   * Throws, with the process's output, when a process died that no scenario
   * stopped: waiting for orders to settle would otherwise only time out.
   */
  assertAlive(): void {
    if (this.sandbox.child.exitCode !== null || this.sandbox.child.signalCode !== null) {
      const { exitCode, signalCode } = this.sandbox.child;
      throw new Error(`payment sandbox died (${signalCode ?? exitCode}): ${this.sandbox.output().slice(-3000)}`);
    }
    for (const app of [...this.apis, ...this.workers]) {
      const { exitCode, signalCode } = app.process.child;
      const stoppedOnPurpose = app.exits.length === app.starts;
      if (!stoppedOnPurpose && (exitCode !== null || signalCode !== null)) {
        throw new Error(`${app.name} died (${signalCode ?? exitCode}): ${app.process.output().slice(-3000)}`);
      }
    }
  }

  /**
   * What the servers said about trouble since the last call: nginx's 5xx access
   * lines and error log, and error lines of the app processes. Printed after each
   * scenario, so a failure in CI can be explained from its output alone.
   */
  diagnostics(): string {
    const lines: string[] = [];
    const fresh = (key: string, text: string) => {
      const seen = this.seen.get(key) ?? 0;
      this.seen.set(key, text.length);
      return text.slice(seen).split('\n').filter(Boolean);
    };
    const access = existsSync(this.nginx.accessLog) ? readFileSync(this.nginx.accessLog, 'utf8') : '';
    const fiveXx = fresh('nginx-access', access).filter((l) => / 5\d\d /.test(l));
    lines.push(...fiveXx.slice(0, 15).map((l) => `nginx: ${l}`));
    if (fiveXx.length > 15) lines.push(`nginx: … ${fiveXx.length - 15} more 5xx responses`);
    // Refused connections to an instance that is restarting or stopped are the expected, retried case.
    const nginxErrors = fresh('nginx-error', this.nginx.errors()).filter((l) => !/while connecting to upstream/.test(l));
    lines.push(...nginxErrors.slice(0, 20).map((l) => `nginx: ${l.slice(0, 400)}`));
    for (const app of [...this.apis, ...this.workers]) {
      for (const [i, p] of app.runs.entries()) {
        const errors = fresh(`${app.name}#${i}`, p.output()).filter((l) => /"level":(50|60)/.test(l));
        // The first few of each, and how many: an outage repeats the same line per request.
        lines.push(...errors.slice(0, 5).map((l) => `${app.name}: ${l.slice(0, 400)}`));
        if (errors.length > 5) lines.push(`${app.name}: … ${errors.length - 5} more error lines`);
      }
    }
    return lines.join('\n');
  }
  private readonly seen = new Map<string, number>();

  /** Every app process still the one started last (none restarted by the scenario). */
  pids(): Array<number | undefined> {
    return [...this.apis, ...this.workers].map((a) => a.pid);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    process.removeListener('exit', this.onExit);
    await this.nginx?.stop().catch(() => undefined);
    await Promise.all([...this.apis, ...this.workers].filter((a) => a.running).map((a) => a.kill().catch(() => undefined)));
    if (this.sandbox && this.sandbox.child.exitCode === null) {
      this.sandbox.child.kill('SIGKILL');
      await this.sandbox.exited;
    }
    await this.smtp?.stop().catch(() => undefined);
    await this.redis?.stop().catch(() => undefined);
    await this.storage?.close().catch(() => undefined);
    await this.replica?.stop().catch(() => undefined);
    // The slot would make the primary keep WAL forever (harmless here, as the primary goes next, but tidy).
    await this.primary
      ?.query(`SELECT pg_drop_replication_slot($1) FROM pg_replication_slots WHERE slot_name = $1`, [REPLICATION_SLOT], 'postgres')
      .catch(() => undefined);
    await this.primary?.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Synchronous last resort (process exit): kill everything, remove the temp dir. */
  stopNow(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.nginx?.stopNow();
    for (const a of [...this.apis, ...this.workers]) a.stopNow();
    if (this.sandbox && this.sandbox.child.exitCode === null) this.sandbox.child.kill('SIGKILL');
    this.redis?.stopNow();
    this.replica?.stopNow();
    this.primary?.stopNow();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
