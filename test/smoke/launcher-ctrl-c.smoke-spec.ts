import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, runNode, RunningProcess, waitFor } from '../support/processes';

/**
 * Ctrl+C on `npm start` under load. The launcher runs in its own process group,
 * as a terminal's foreground job does, and SIGINT goes to that whole group, as
 * the terminal sends it. Only the launcher may act on it: the API and the worker
 * drain first, the database stops last.
 *
 * "No request in flight fails": every request the API accepted gets a complete,
 * non-5xx response, and every request sent before the signal is accepted.
 * Requests sent after it may meet an API that is closing; each is then refused
 * without being run, and the test tells those apart from failures:
 *  - ECONNREFUSED: the listener is closed;
 *  - ECONNRESET before any response: the connection was still in the accept
 *    queue, or accepted but its request not yet read, when the listener and
 *    idle connections closed (the app never saw the request);
 *  - Fastify's own 503 while closing (`return503OnClosing`: plain
 *    application/json, no handler ran), as opposed to an application 503
 *    (application/problem+json), which is what a database stopped too early gives.
 * /health/ready answering 503 is the probe's answer (draining, or a slow
 * dependency on a busy machine), not a failed request.
 */
jest.setTimeout(180_000);

interface Outcome {
  path: string;
  sentAt: number;
  doneAt?: number;
  status?: number;
  contentType?: string;
  error?: string;
}

const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe('Ctrl+C on npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keel-ctrl-c-'));
  chmodSync(dataDir, 0o755); // the embedded postgres runs as the postgres user when we are root
  let launcher: RunningProcess;
  afterAll(() => {
    if (launcher?.child.exitCode === null) process.kill(-(launcher.child.pid as number), 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('When SIGINT reaches the process group under concurrent requests, then none fails, nothing dies loudly, and the exit status is 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    launcher = runNode(
      'dist/apps/launcher/src/main.js',
      {
        HOME: process.env.HOME ?? '/tmp',
        KEEL_DATA_DIR: join(dataDir, '.data'),
        PORT: String(port),
        WORKER_PORT: String(await freePort()),
        METRICS_PORT: String(await freePort()),
        SANDBOX_PORT: String(await freePort()),
        S3_EMBEDDED_PORT: String(await freePort()),
      },
      { detached: true },
    );
    await waitFor(() => launcher.output().includes('ready in'), `launcher ready:\n${launcher.output()}`, 120_000);
    await sleep(500);

    // The banner is the last line of boot, after every child's own boot line.
    const boot = launcher.output().trimEnd().split('\n');
    expect(boot.at(-1)).toMatch(/^\[keel\] ready in [\d.]+s — API docs: http:\/\/localhost:\d+\/docs$/);
    for (const line of [/API listening on port/, /Worker running/, /Payment sandbox listening/]) {
      expect(boot.some((l) => line.test(l))).toBe(true);
    }

    let signalledAt = Infinity;
    const outcomes: Outcome[] = [];
    const request = async (path: string, init?: RequestInit) => {
      const outcome: Outcome = { path, sentAt: Date.now() };
      outcomes.push(outcome);
      try {
        const response = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer(); // complete, not cut off
        outcome.status = response.status;
        outcome.contentType = response.headers.get('content-type') ?? '';
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        outcome.error = cause?.code ?? cause?.message ?? String(error);
      }
      outcome.doneAt = Date.now();
      return outcome;
    };
    // Each loop runs until the API refuses it.
    const loop = async (next: (i: number) => Promise<Outcome>) => {
      for (let i = 0; ; i++) if ((await next(i)).error === 'ECONNREFUSED') return;
    };
    const loops = [
      ...Array.from({ length: 10 }, () => loop(() => request('/api/v1/products'))),
      ...Array.from({ length: 6 }, () => loop(() => request('/health/ready'))),
      // Argon2 keeps registrations in flight for a while.
      ...Array.from({ length: 4 }, (_, n) =>
        loop((i) =>
          request('/api/v1/auth/register', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: `ctrl-c-${n}-${i}@example.com`, password: 'a long enough password', name: 'Ctrl C' }),
          }),
        ),
      ),
    ];
    await sleep(1500);
    signalledAt = Date.now();
    process.kill(-(launcher.child.pid as number), 'SIGINT'); // what Ctrl+C does
    await Promise.all(loops);
    const { code } = await launcher.exited;

    const inFlightAtSignal = outcomes.filter((o) => o.sentAt < signalledAt && (o.doneAt as number) >= signalledAt);
    // Sent after Ctrl+C and refused before any handler ran: the listener is gone (ECONNREFUSED), or
    // the request raced the server closing an idle keep-alive socket (ECONNRESET, or undici's
    // UND_ERR_SOCKET "other side closed" — Fastify closes only idle sockets, so no handler ran), or
    // Fastify's own closing 503 (plain JSON, not our problem+json).
    const refusedWhileClosing = (o: Outcome) =>
      o.sentAt >= signalledAt &&
      (o.error === 'ECONNREFUSED' ||
        o.error === 'ECONNRESET' ||
        o.error === 'UND_ERR_SOCKET' ||
        (o.status === 503 && o.contentType === 'application/json'));
    const isProbeDraining = (o: Outcome) => o.path === '/health/ready' && o.status === 503;
    const failed = outcomes.filter(
      (o) => !refusedWhileClosing(o) && (o.error !== undefined || (o.status as number) >= 500) && !isProbeDraining(o),
    );
    const summary = {
      requests: outcomes.length,
      inFlightAtSignal: inFlightAtSignal.length,
      afterSignal: outcomes.filter((o) => o.sentAt >= signalledAt).length,
      refusedWhileClosing: outcomes.filter(refusedWhileClosing).length,
    };
    process.stdout.write(`Ctrl+C under load: ${JSON.stringify(summary)}\n`);
    expect(failed).toEqual([]);
    expect(inFlightAtSignal.length).toBeGreaterThanOrEqual(10); // every loop was mid-request
    // In flight at the signal: each got a complete answer; /health/ready may answer 503 (draining), as above.
    expect(inFlightAtSignal.filter((o) => !isProbeDraining(o) && !(o.status !== undefined && o.status < 500))).toEqual([]);

    const output = launcher.output();
    expect(output).not.toContain('57P01');
    expect(output).not.toMatch(STACK_FRAME);
    expect(code).toBe(0);
    // Order: both apps drained and finished before the launcher reports it stopped (the database goes last).
    const lines = output.split('\n');
    const stopped = lines.findIndex((l) => l === '[keel] stopped');
    const completes = lines.flatMap((l, i) => (/Shutdown complete/.test(l) ? [i] : []));
    expect(completes).toHaveLength(2);
    expect(completes.every((i) => i < stopped)).toBe(true);
  });
});
