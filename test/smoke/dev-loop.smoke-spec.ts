import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, ROOT, runNode, RunningProcess, statusOf, waitFor } from '../support/processes';

/**
 * `npm run dev` (the launcher with --watch) on a scratch copy of the checkout,
 * so the test can edit sources: a save that changes the build output restarts
 * the API and the worker on the new build, a save that does not change it
 * restarts nothing, and Ctrl+C still stops everything cleanly.
 *
 * The target is "ready again within 3 s of saving" (timed in `npm run bench`,
 * docs/performance.md). This test asserts a looser bound (it shares 2 cores with
 * the rest of the suite) and prints the figure.
 */
jest.setTimeout(240_000);

const RESTART_BOUND_MS = 45_000;
const CHANGED_FILE = 'apps/api/src/create-api-app.ts';

describe('npm run dev', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'keel-dev-loop-'));
  chmodSync(scratch, 0o755); // the embedded postgres runs as the postgres user when we are root
  let launcher: RunningProcess;
  let base: string;

  beforeAll(async () => {
    for (const entry of readdirSync(ROOT)) {
      const wanted =
        ['apps', 'libs', 'scripts', 'dist', 'package.json', '.swcrc', 'tsconfig.json'].includes(entry) || /^[^.].*\.ts$/.test(entry);
      if (wanted) cpSync(join(ROOT, entry), join(scratch, entry), { recursive: true });
    }
    symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(scratch, 'node_modules'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    launcher = runNode(
      'dist/apps/launcher/src/main.js',
      {
        HOME: process.env.HOME ?? '/tmp',
        KEEL_DATA_DIR: join(scratch, '.data'),
        PORT: String(port),
        WORKER_PORT: String(await freePort()),
        METRICS_PORT: String(await freePort()),
        SANDBOX_PORT: String(await freePort()),
        S3_EMBEDDED_PORT: String(await freePort()),
      },
      { root: scratch, args: ['--watch'], detached: true },
    );
    await waitFor(() => launcher.output().includes('ready in'), `launcher ready:\n${launcher.output()}`, 150_000);
    // After the banner the launcher loads spare processes for fast restarts and says so once they are warm.
    await waitFor(() => launcher.output().includes('[keel] watching for changes'), `spares warm:\n${launcher.output()}`, 120_000);
  });

  afterAll(() => {
    if (launcher?.child.exitCode === null) process.kill(-(launcher.child.pid as number), 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  const source = () => readFileSync(join(scratch, CHANGED_FILE), 'utf8');
  const save = (text: string) => writeFileSync(join(scratch, CHANGED_FILE), text);
  const restarts = () =>
    launcher
      .output()
      .split('\n')
      .filter((l) => /\] .* changed: restarting/.test(l)).length;

  it('When a save leaves the build output as it was (whitespace only), then nothing restarts', async () => {
    const before = restarts();
    save(`${source()}\n\n`);
    await sleep(2500); // swc recompiles within milliseconds; give a busy machine time
    expect(restarts()).toBe(before);
    expect(await statusOf(`${base}/health/ready`)).toBe(200);
  });

  it('When a save changes the build, then the API and the worker restart on it and are ready again', async () => {
    const marker = `dev-loop-${Date.now()}`;
    const changed = source().replace("title: 'Keel API'", `title: 'Keel API ${marker}'`);
    expect(changed).toContain(marker);
    const savedAt = Date.now();
    save(changed);
    const title = async () => ((await (await fetch(`${base}/docs-json`)).json()) as { info: { title: string } }).info.title;
    await waitFor(
      async () => (await title()).includes(marker) && (await statusOf(`${base}/health/ready`)) === 200,
      'the new build ready',
      60_000,
    );
    const readyAfterMs = Date.now() - savedAt;
    process.stdout.write(`dev loop: ready on the new build ${readyAfterMs} ms after the save (target 3000 ms)\n`);
    expect(readyAfterMs).toBeLessThan(RESTART_BOUND_MS);
    await waitFor(() => /restarted in [\d.]+s/.test(launcher.output()), 'the restart line');
    expect(launcher.output()).toMatch(/create-api-app\.js changed: restarting api, worker\n/);
    const afterSave = launcher.output().slice(launcher.output().indexOf('changed: restarting'));
    expect(afterSave).toMatch(/Worker running/);
    expect(afterSave).toMatch(/API listening on port/);
  });

  it('When Ctrl+C reaches the process group, then everything stops in order, with no stack trace, and the exit status is 0', async () => {
    process.kill(-(launcher.child.pid as number), 'SIGINT');
    const { code } = await launcher.exited;
    expect(code).toBe(0);
    expect(launcher.output()).toContain('[keel] stopped');
    expect(launcher.output()).not.toContain('57P01');
    expect(launcher.output()).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
