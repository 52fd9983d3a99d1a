import { randomBytes } from 'node:crypto';
import { freePort } from '../support/processes';
import type { TestDatabase } from '../support/test-database';
import { BenchProcess, SERVER_CORE, spawnEntry, waitReady } from './processes';

// Production refuses the sandbox's default secrets: the bench brings its own, shared with its sandbox.
export const PROVIDER_SECRETS = {
  STRIPE_API_KEY: 'sk_test_bench',
  STRIPE_WEBHOOK_SECRET: 'whsec_bench',
  RAZORPAY_KEY_ID: 'rzp_test_bench',
  RAZORPAY_KEY_SECRET: 'rzp_test_bench_secret',
  RAZORPAY_WEBHOOK_SECRET: 'rzp_webhook_bench',
};

export interface KeelSetup {
  database: TestDatabase;
  redisUrl: string;
  queuePrefix: string;
  sandboxBase: string;
  port: number;
  smtpUrl: string;
  /** S3_* settings of the object store (the harness runs the embedded s3rver, as `npm start` does). */
  objectStorageEnv: Record<string, string>;
  /** The OTLP/HTTP receiver every Keel process exports its spans to (otlp-sink.ts). */
  otlpUrl: string;
  /** Every process started is handed to the harness, which stops them all on exit. */
  track(process: BenchProcess): void;
}

export interface Keel {
  env: Record<string, string>;
  base: string;
  api: BenchProcess;
  startApi(): Promise<BenchProcess>;
  /**
   * A second API beside the main one, on its own ports, with some settings overridden
   * (R1-traced: another sampler). The caller stops it after its run so it holds no CPU.
   */
  startExtraApi(name: string, overrides: Record<string, string>): Promise<{ api: BenchProcess; base: string }>;
  startWorker(entry?: string): Promise<BenchProcess>;
}

/** Keel in its production configuration (docs/performance.md, "The harness"), the main API started and ready. */
export async function startKeel(setup: KeelSetup): Promise<Keel> {
  const [metricsPort, workerPort] = await Promise.all([freePort(), freePort()]);
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    SMTP_URL: setup.smtpUrl,
    ...setup.objectStorageEnv,
    PORT: String(setup.port),
    METRICS_PORT: String(metricsPort),
    WORKER_PORT: String(workerPort),
    DATABASE_URL: setup.database.url,
    REDIS_URL: setup.redisUrl,
    QUEUE_PREFIX: setup.queuePrefix,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench admin password',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    PAYMENTS_ENABLED: 'true',
    STRIPE_API_BASE: setup.sandboxBase,
    RAZORPAY_API_BASE: setup.sandboxBase,
    ...PROVIDER_SECRETS,
    // Spans recorded and exported as in production: with an endpoint and no OTEL_TRACES_SAMPLER the
    // processes use the production sampler (parent-based, 10 % of new traces; trace-sampler.ts).
    OTEL_EXPORTER_OTLP_ENDPOINT: setup.otlpUrl,
    // Rate limiting stays on (its cost is part of the pipeline) but must not
    // refuse a load generator that is one client by design.
    RATE_LIMIT_MAX: '100000000',
    SHUTDOWN_DRAIN_MS: '0',
  };
  const base = `http://127.0.0.1:${setup.port}`;
  const keel: Keel = {
    env,
    base,
    api: undefined as unknown as BenchProcess,
    startApi: async () => {
      const api = spawnEntry('api', 'dist/apps/api/src/main.js', env, SERVER_CORE);
      setup.track(api);
      await waitReady(`${base}/health/ready`, api);
      keel.api = api;
      return api;
    },
    startExtraApi: async (name, overrides) => {
      const [port, extraMetricsPort] = await Promise.all([freePort(), freePort()]);
      const api = spawnEntry(
        name,
        'dist/apps/api/src/main.js',
        { ...env, ...overrides, PORT: String(port), METRICS_PORT: String(extraMetricsPort) },
        SERVER_CORE,
      );
      setup.track(api);
      const extraBase = `http://127.0.0.1:${port}`;
      await waitReady(`${extraBase}/health/ready`, api);
      return { api, base: extraBase };
    },
    startWorker: async (entry = 'dist/apps/worker/src/main.js') => {
      const worker = spawnEntry(entry.includes('bench') ? 'platform-worker' : 'worker', entry, env, SERVER_CORE);
      setup.track(worker);
      await waitReady(`http://127.0.0.1:${workerPort}/health/ready`, worker);
      return worker;
    },
  };
  await keel.startApi();
  return keel;
}
