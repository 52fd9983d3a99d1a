import { freePort, runNode } from '../../support/processes';
import { TEST_JWT_SECRET } from '../../support/test-app';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * The worker (the real process, as `npm run start:worker` runs it) on BullMQ's PostgreSQL backend,
 * started before the migrations. BullMQ's own worker loop retries a missing schema without a delay:
 * before the check, thousands of error lines a second starved the event loop and the process died
 * of "heap out of memory" about 6 s later. It must refuse to start, say why, and exit non-zero.
 */
describe('Worker started before the migrations (PostgreSQL queue backend)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('When the queue schema does not exist, then the worker exits 1 with an error that says to run the migrations', async () => {
    const started = Date.now();
    const worker = runNode('dist/apps/worker/src/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `test-unmigrated-${Date.now()}`,
      WORKER_PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      PAYMENTS_ENABLED: 'false',
    });
    const exit = await Promise.race([worker.exited, new Promise<'running'>((done) => setTimeout(() => done('running'), 20_000))]);
    if (exit === 'running') worker.child.kill('SIGKILL');
    expect(exit).toEqual({ code: 1, signal: null });
    expect(worker.output()).toMatch(
      /Worker failed to start: The queue schema "bullmq" does not exist in this database: run the migrations first/,
    );
    expect(worker.output()).not.toMatch(/heap out of memory/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 40_000);
});
