import { INestApplicationContext } from '@nestjs/common';
import { QueueConnection } from '@keel/messaging';
import type { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { createWorkerApp } from '../../../apps/worker/src/create-worker-app';
import {
  RECONCILE_EVERY_MS,
  RECONCILIATION_QUEUE,
  RECONCILIATION_SCHEDULER_ID,
} from '../../../libs/payments/src/infrastructure/scheduling/reconciliation.scheduler';
import { waitFor } from '../../support/processes';
import { startTestApp, type TestApp } from '../../support/test-app';

jest.setTimeout(60_000);

/** Stateless workers: a periodic job is declared by every worker but runs once per period across all of them. */
describe.each([
  ['Redis', true],
  ['the PostgreSQL queue backend', false],
])('Scheduled jobs with two workers, on %s', (_backend, redis) => {
  let t: TestApp;
  let second: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp({ PAYMENTS_ENABLED: 'true' }, { worker: true, redis });
    // startTestApp left its database, Redis and queue prefix in process.env: this worker joins the same deployment.
    second = await createWorkerApp();
    await second.init();
    queue = t.worker!.get(QueueConnection).createQueue(RECONCILIATION_QUEUE);
  });
  afterAll(async () => {
    await queue?.close();
    await second?.close();
    await t?.close();
    delete process.env.PAYMENTS_ENABLED;
  });

  it('When two workers start, then the reconciliation schedule exists once and its first period runs on one worker only', async () => {
    await waitFor(async () => (await queue.getJobSchedulers()).length > 0, 'the reconciliation schedule', 10_000);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: RECONCILIATION_SCHEDULER_ID, every: RECONCILE_EVERY_MS });

    await waitFor(async () => (await queue.getJobCounts('completed')).completed >= 1, 'the first reconciliation run', 10_000);
    await sleep(500); // room for a (wrong) second run to show up
    const counts = await queue.getJobCounts('completed', 'active', 'waiting', 'failed', 'delayed');
    expect(counts).toMatchObject({ completed: 1, active: 0, waiting: 0, failed: 0 });
    expect(counts.delayed).toBe(1); // the next period, once
  });
});
