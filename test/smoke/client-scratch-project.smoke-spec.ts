import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT, runNode, RunningProcess, waitFor } from '../support/processes';

/**
 * A consumer's first hour with @keel/client: a scratch project that depends on nothing
 * but the packed client (installed from a local path), compiled by tsc under `strict`
 * (the client's own declarations included: skipLibCheck off), then run against the
 * system started the way `npm start` starts it (launcher, embedded PostgreSQL, demo
 * catalog): register → verify the address with the link from the development
 * mailbox → login → list products → place order → get order.
 */
jest.setTimeout(300_000);

const JOURNEY = `import { KeelApiError, KeelClient, type Schemas } from '@keel/client';

export interface JourneyResult {
  userEmail: string;
  products: number;
  order: Schemas['OrderResponseDto'];
  readBack: Schemas['OrderResponseDto'];
}

export async function journey(baseUrl: string, email: string): Promise<JourneyResult> {
  const keel = new KeelClient({ baseUrl });
  const password = 'a scratch project password';
  const accepted = await keel.register({ email, password, name: 'Scratch Consumer' });
  if (accepted.status !== 'verification-sent') throw new Error('unexpected register answer');
  // A newcomer on npm start reads the verification link at /dev/mailbox (development only).
  await keel.verifyEmail(await verificationTokenFromMailbox(baseUrl, email));
  await keel.login({ email, password });
  const user = await keel.getCurrentUser();
  const { items } = await keel.listProducts({ limit: 20 });
  const product = items.find((p) => p.stock > 0);
  if (!product) throw new Error('no product in stock');
  const order = await keel.placeOrder({
    items: [{ productId: product.id, quantity: 1 }],
    payment: { provider: 'stripe', method: 'pm_card_visa' },
  });
  const readBack = await keel.getOrder(order.id);
  return { userEmail: user.email, products: items.length, order, readBack };
}

async function verificationTokenFromMailbox(baseUrl: string, email: string): Promise<string> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((done) => setTimeout(done, 250))) {
    const page = await (await fetch(baseUrl + '/dev/mailbox')).text();
    const token = page.includes(email) ? /[/]verify-email[?]token=([A-Za-z0-9_-]+)/.exec(page)?.[1] : undefined;
    if (token) return token;
  }
  throw new Error('no verification email for ' + email + ' on /dev/mailbox');
}

// Compile-time only: the types are real, not any.
export function typesAreStrict(keel: KeelClient, error: KeelApiError): void {
  // @ts-expect-error quantity is a number
  void keel.placeOrder({ items: [{ productId: 'x', quantity: '1' }], payment: { provider: 'stripe', method: 'pm_card_visa' } });
  // @ts-expect-error the provider is one of the documented ones
  void keel.placeOrder({ items: [], payment: { provider: 'paypal', method: 'x' } });
  const requestId: string | undefined = error.problem?.requestId;
  void requestId;
}
`;

describe('@keel/client in a scratch project', () => {
  const work = mkdtempSync(join(tmpdir(), 'keel-client-scratch-'));
  const project = join(work, 'scratch');
  let launcher: RunningProcess | undefined;
  afterAll(async () => {
    if (launcher && launcher.child.exitCode === null) {
      launcher.child.kill('SIGTERM');
      await launcher.exited;
    }
    rmSync(work, { recursive: true, force: true });
  });

  it('When a project installs only the packed client, then it compiles under strict and runs the journey against npm start', async () => {
    // Pack the client as it would be published (prepack builds it), install it from that local path.
    execFileSync('npm', ['pack', join(ROOT, 'packages/client'), '--pack-destination', work, '--silent'], { cwd: work, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, dependencies: { '@keel/client': `file:../${tarball}` } }, null, 2),
    );
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, stdio: 'pipe' });
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'node16',
          moduleResolution: 'node16',
          target: 'ES2022',
          lib: ['ES2022', 'DOM'],
          types: [],
          skipLibCheck: false,
          outDir: 'dist',
          rootDir: 'src',
        },
        include: ['src'],
      }),
    );
    writeFileSync(join(project, 'src/journey.ts'), JOURNEY);
    // The repository's TypeScript compiles it; the project itself depends on the client alone.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, stdio: 'pipe' });
    writeFileSync(
      join(project, 'run.cjs'),
      `require('./dist/journey.js').journey(process.argv[2], process.argv[3]).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });\n`,
    );

    // The system, started as `npm start` starts it (after the build `npm test` runs first).
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    chmodSync(work, 0o755);
    chmodSync(dataDir, 0o755); // the embedded postgres runs as the postgres user when we are root
    const port = await freePort();
    launcher = runNode('dist/apps/launcher/src/main.js', {
      HOME: process.env.HOME ?? '/tmp',
      KEEL_DATA_DIR: join(dataDir, '.data'),
      PORT: String(port),
      WORKER_PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
    });
    const ready = launcher;
    await waitFor(() => ready.output().includes('ready in'), `launcher ready:\n${ready.output()}`, 120_000);

    const email = `scratch-${Date.now()}@example.com`;
    const out = execFileSync(process.execPath, ['run.cjs', `http://127.0.0.1:${port}`, email], { cwd: project, encoding: 'utf8' });
    const result = JSON.parse(out) as {
      userEmail: string;
      products: number;
      order: { id: string; status: string; items: Array<{ quantity: number }> };
      readBack: { id: string; status: string };
    };
    expect(result.userEmail).toBe(email);
    expect(result.products).toBeGreaterThan(0);
    expect(result.order).toMatchObject({ status: 'PENDING', items: [{ quantity: 1 }] });
    expect(result.readBack.id).toBe(result.order.id);
    expect(['PENDING', 'CONFIRMED', 'PAID']).toContain(result.readBack.status);

    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
  });
});
