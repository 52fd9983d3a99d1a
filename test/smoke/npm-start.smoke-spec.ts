import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, runNode, statusOf, waitFor } from '../support/processes';

/**
 * Starts the system the way `npm start` does (the launcher, after the build
 * that `npm test` runs first) with no DATABASE_URL: embedded PostgreSQL,
 * migrations, API and worker. Then restarts it on the same data directory.
 */
jest.setTimeout(180_000);

describe('npm start with no environment', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keel-smoke-'));
  chmodSync(dataDir, 0o755); // the embedded postgres runs as the postgres user when we are root
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function boot() {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const launcher = runNode('dist/apps/launcher/src/main.js', {
      HOME: process.env.HOME ?? '/tmp',
      KEEL_DATA_DIR: join(dataDir, '.data'),
      PORT: String(port),
      WORKER_PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      S3_EMBEDDED_PORT: String(await freePort()),
    });
    await waitFor(() => launcher.output().includes('ready in'), `launcher ready:\n${launcher.output()}`, 90_000);
    return { launcher, base };
  }

  it('When started cold, then /health/ready is 200, /docs-json describes the API, the docs URL is printed, and SIGTERM exits 0', async () => {
    const { launcher, base } = await boot();
    expect(launcher.output()).toMatch(/API docs: http:\/\/localhost:\d+\/docs/);
    // The API and the worker each started with a sized heap (libs/runtime/src/memory/heap-size.ts).
    const heapLine = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '')
      ? /heap limit set by NODE_OPTIONS/g
      : /heap limit \d+ MB, semi-space \d+ MB \((default: no cgroup memory limit|from cgroup limit \d+ MB)\)/g;
    expect(launcher.output().match(heapLine)?.length).toBe(2);
    expect(await statusOf(`${base}/health/ready`)).toBe(200);
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/register');
    const register = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'persisted@example.com', password: 'a long enough password', name: 'Persisted' }),
    });
    expect(register.status).toBe(202);
    // The worker sends the verification email to the development mailbox, which the newcomer reads at /dev/mailbox.
    await waitFor(
      async () => (await (await fetch(`${base}/dev/mailbox`)).text()).includes('persisted@example.com'),
      'verification email on /dev/mailbox',
      30_000,
    );
    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
  });

  it('When started again on the same data directory, then data from the first run is still there', async () => {
    const { launcher, base } = await boot();
    expect(launcher.output()).toContain('database schema is up to date');
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'persisted@example.com', password: 'a long enough password' }),
    });
    expect(login.status).toBe(200);
    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
  });

  it('When the previous launcher was SIGKILLed, then the orphaned PostgreSQL is handled and the next start works', async () => {
    const first = await boot();
    first.launcher.child.kill('SIGKILL'); // leaves postgres, api and worker behind
    await first.launcher.exited;
    const { launcher, base } = await boot();
    expect(await statusOf(`${base}/health/ready`)).toBe(200);
    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
  });
});
