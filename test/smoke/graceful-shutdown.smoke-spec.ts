import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { freePort, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';
import { SmtpSink } from '../support/smtp-sink';

/**
 * The compiled API (`npm run start:api`) under concurrent load receives SIGTERM:
 * readiness flips to 503 first, every request — in flight or arriving during the
 * drain — succeeds, and the process exits 0.
 */
jest.setTimeout(180_000);

describe('Graceful shutdown of the API', () => {
  // SMTP_URL is required with NODE_ENV=production: mail goes to a real local SMTP server.
  let smtp: SmtpSink;
  let db: TestDatabase;
  let api: RunningProcess;
  let base: string;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = runNode('dist/apps/api/src/main.js', {
      NODE_ENV: 'production',
      SMTP_URL: smtp.url,
      DATABASE_URL: db.url,
      JWT_SECRET: 'shutdown-test-secret-that-is-long-enough-0123456789',
      PORT: String(port),
      METRICS_PORT: String(await freePort()),
      // Long enough that, on a loaded machine, the 503 is seen and the drain-time requests sent well inside it.
      SHUTDOWN_DRAIN_MS: '4000',
      LOG_LEVEL: 'info',
      // No payment provider here; production would otherwise require real provider keys.
      PAYMENTS_ENABLED: 'false',
    });
    await waitFor(async () => (await statusOf(`${base}/health/ready`)) === 200, 'API ready');
  });

  afterAll(async () => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
    await db.drop();
    await smtp?.stop();
  });

  it('When SIGTERM arrives under concurrent requests, then none fails, readiness is 503 first, and the exit status is 0', async () => {
    const register = (i: number) =>
      fetch(`${base}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer should-never-be-logged' },
        body: JSON.stringify({ email: `load-${i}@example.com`, password: `secret-password-${i}`, name: `Load ${i}` }),
      }).then((r) => r.status);

    // Argon2 hashing keeps these in flight for a while.
    const inFlight = Array.from({ length: 24 }, (_, i) => register(i));
    await sleep(30);
    api.child.kill('SIGTERM');
    await waitFor(async () => (await statusOf(`${base}/health/ready`)) === 503, 'readiness 503', 3000);

    // New requests during the drain period are still served.
    const duringDrain = Array.from({ length: 6 }, (_, i) => register(100 + i));
    const statuses = await Promise.all([...inFlight, ...duringDrain]);
    expect(statuses).toEqual(Array(30).fill(202));

    const { code } = await api.exited;
    expect({
      code,
      log:
        code === 0
          ? ''
          : api
              .output()
              .split('\n')
              .filter((l) => /Shutdown|error/i.test(l))
              .join('\n'),
    }).toEqual({ code: 0, log: '' });
    expect(api.output()).toContain('Shutdown complete');
  });

  it('When it ran in production mode, then logs were JSON lines with service and request ids, and secrets redacted', () => {
    const lines = api
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(10);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.every((l) => l.service === 'keel-api' && typeof l.version === 'string')).toBe(true);
    const access = parsed.filter((l) => l.msg === 'request completed');
    expect(access.length).toBeGreaterThanOrEqual(30);
    expect(access.every((l) => typeof l.requestId === 'string')).toBe(true);
    expect(access.some((l) => String((l.req as { url?: string })?.url).startsWith('/health'))).toBe(false);
    expect(api.output()).not.toContain('should-never-be-logged');
    expect(api.output()).not.toContain('secret-password-');
  });
});
