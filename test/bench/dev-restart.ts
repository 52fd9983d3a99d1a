import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../support/processes';
import { ROOT, spawnNode } from './processes';

/** The file a developer "saves": a change to it changes the API document's title, which tells the new build apart. */
const CHANGED_FILE = 'apps/api/src/create-api-app.ts';
const TITLE = "title: 'Keel API'";
/** Between saves: a spare loads its packages in a few seconds on an idle machine (the first wait is on the launcher's word). */
const SPARE_WARM_UP_MS = 10_000;

/**
 * B2: `npm run dev`, save → the API serving the new build and ready. The
 * launcher runs with --watch on a scratch copy of the checkout (the bench edits
 * a source file there, never in the checkout), waits until it says its spare
 * processes are warm, then saves a change `saves` times and times each until
 * `/docs-json` shows the change and `/health/ready` answers 200. The median is
 * the figure (issue 12's target: 3 s).
 */
export async function devRestartScenario(saves: number): Promise<{ medianMs: number; timesMs: number[]; coldSpares: number }> {
  const scratch = mkdtempSync(join(tmpdir(), 'keel-bench-dev-'));
  chmodSync(scratch, 0o755); // the embedded postgres runs as the postgres user when we are root
  for (const entry of readdirSync(ROOT)) {
    const wanted =
      ['apps', 'libs', 'scripts', 'dist', 'package.json', '.swcrc', 'tsconfig.json'].includes(entry) || /^[^.].*\.ts$/.test(entry);
    if (wanted) cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
  }
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(scratch, 'node_modules'));
  const [port, workerPort, metricsPort, sandboxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  // Not pinned: the dev loop is the launcher and its children, as a developer runs it.
  const launcher = spawnNode(
    'npm run dev',
    [join(scratch, 'dist/apps/launcher/src/main.js'), '--watch'],
    {
      HOME: process.env.HOME ?? '/root',
      KEEL_DATA_DIR: join(scratch, '.data'),
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      METRICS_PORT: String(metricsPort),
      SANDBOX_PORT: String(sandboxPort),
      LOG_FORMAT: 'json',
    },
    '0-1',
    { processGroup: true, keepOutput: true },
  );
  const base = `http://127.0.0.1:${port}`;
  const title = async () => ((await (await fetch(`${base}/docs-json`)).json()) as { info: { title: string } }).info.title;
  const ready = async () => (await fetch(`${base}/health/ready`)).status === 200;
  try {
    await until(
      () => launcher.output().includes('[keel] watching for changes'),
      180_000,
      () => launcher.output(),
    );
    const source = readFileSync(join(scratch, CHANGED_FILE), 'utf8');
    if (!source.includes(TITLE)) throw new Error(`${CHANGED_FILE} no longer sets ${TITLE}; update the bench`);
    const timesMs: number[] = [];
    let coldSpares = 0;
    for (let i = 0; i < saves; i++) {
      const marker = `Keel API bench-${i}`;
      const restartsBefore = restartLines(launcher.output()).length;
      const savedAt = Date.now();
      writeFileSync(join(scratch, CHANGED_FILE), source.replace(TITLE, `title: '${marker}'`));
      await until(
        async () => (await title()) === marker && (await ready()),
        60_000,
        () => launcher.output(),
      );
      timesMs.push(Date.now() - savedAt);
      await until(
        () => restartLines(launcher.output()).length > restartsBefore,
        60_000,
        () => launcher.output(),
      );
      if (restartLines(launcher.output()).at(-1)?.includes('still loading')) coldSpares++;
      // A developer's pause: the launcher loads new spares after each restart.
      await sleep(SPARE_WARM_UP_MS);
    }
    const sorted = [...timesMs].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)] as number, timesMs, coldSpares };
  } finally {
    await launcher.stop('SIGINT');
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The launcher's "… changed: restarting …" lines; one names the apps whose spare was not warm yet. */
function restartLines(output: string): string[] {
  return output.split('\n').filter((line) => /\[keel\] .* changed: restarting/.test(line));
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, context: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not answering yet
    }
    if (Date.now() > deadline) throw new Error(`npm run dev: timed out; output:\n${context().slice(-4000)}`);
    await sleep(25);
  }
}
