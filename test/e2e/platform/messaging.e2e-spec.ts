import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { DomainEvent } from '@keel/kernel';
import {
  ConsumerRegistry,
  EventConsumer,
  EventEnvelope,
  IntegrationEventHandler,
  OutboxPublisher,
  OutboxRelay,
  QueueRegistry,
} from '@keel/messaging';
import { PlatformModule } from '@keel/runtime';
import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET, TEST_REDIS_URL } from '../../support/test-app';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

class PingHappened extends DomainEvent<{ n: number; failTimes: number }> {
  readonly eventName = 'test.ping-happened';
}

/** Nobody subscribes to it (like identity.user-registered today). */
class NobodyListens extends DomainEvent<{ n: number }> {
  readonly eventName = 'test.nobody-listens';
}

const received: Array<{ n: number; requestId?: string; attempt: number }> = [];
const attempts = new Map<number, number>();

@EventConsumer({ name: 'probe.record-ping', events: ['test.ping-happened'], attempts: 4 })
class RecordPing implements IntegrationEventHandler<{ n: number; failTimes: number }> {
  async handle(event: EventEnvelope<{ n: number; failTimes: number }>): Promise<void> {
    const attempt = (attempts.get(event.payload.n) ?? 0) + 1;
    attempts.set(event.payload.n, attempt);
    if (attempt <= event.payload.failTimes) throw new Error(`planned failure ${attempt}`);
    received.push({ n: event.payload.n, requestId: event.requestId, attempt });
  }
}

@EventConsumer({ name: 'probe.second-listener', events: ['test.ping-happened'] })
class SecondListener implements IntegrationEventHandler {
  static count = 0;
  async handle(): Promise<void> {
    SecondListener.count++;
  }
}

function buildModule(worker: boolean) {
  @Module({
    imports: [PlatformModule.forRoot({ service: { name: 'messaging-test', version: '0' }, worker })],
    providers: [RecordPing, SecondListener],
  })
  class ProbeModule {}
  return ProbeModule;
}

describe.each([
  ['PostgreSQL-backed queues', false],
  ['Redis-backed queues', true],
])('Outbox → relay → queue → inbox (%s)', (_label, useRedis) => {
  let db: TestDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    delete process.env.REDIS_URL;
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `test-msg-${Date.now()}`,
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...(useRedis ? { REDIS_URL: TEST_REDIS_URL } : {}),
    });
    app = await NestFactory.createApplicationContext(buildModule(true), { logger: false, abortOnError: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  beforeEach(() => {
    received.length = 0;
    attempts.clear();
    SecondListener.count = 0;
  });

  const publish = async (payload: { n: number; failTimes: number }, requestId = 'req-0000001') => {
    const cls = app.get(ClsService);
    await cls.run(async () => {
      cls.set('requestId', requestId);
      await app.get(TransactionHost).withTransaction(() => app.get(OutboxPublisher).publish(new PingHappened(`agg-${payload.n}`, payload)));
    });
  };

  const waitFor = async (check: () => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await sleep(20);
    }
  };

  it('When an event is published in a committed transaction, then every subscriber gets it once, with the request id', async () => {
    await publish({ n: 1, failTimes: 0 }, 'req-abcdef01');
    await waitFor(() => received.length === 1 && SecondListener.count === 1);
    expect(received[0]).toEqual({ n: 1, requestId: 'req-abcdef01', attempt: 1 });
    const [{ unsent }] = await app
      .get<DataSource>(getDataSourceToken())
      .query(`SELECT count(*)::int AS unsent FROM platform.outbox WHERE sent_at IS NULL`);
    expect(unsent).toBe(0);
  });

  it('When the transaction rolls back, then the event is never delivered', async () => {
    await expect(
      app.get(TransactionHost).withTransaction(async () => {
        await app.get(OutboxPublisher).publish(new PingHappened('agg-x', { n: 2, failTimes: 0 }));
        throw new Error('business failure');
      }),
    ).rejects.toThrow('business failure');
    await publish({ n: 3, failTimes: 0 });
    await waitFor(() => received.some((r) => r.n === 3));
    expect(received.some((r) => r.n === 2)).toBe(false);
  });

  it('When an event has no subscriber, then the relay marks it sent and the events after it still flow', async () => {
    const lonely = new NobodyListens('agg-lonely', { n: 7 });
    await app.get(TransactionHost).withTransaction(() => app.get(OutboxPublisher).publish(lonely));
    await publish({ n: 8, failTimes: 0 });
    await waitFor(() => received.some((r) => r.n === 8));
    // The relay marks rows sent in the transaction that enqueued them, which may commit just after the job ran.
    const sent = async () =>
      (
        await app
          .get<DataSource>(getDataSourceToken())
          .query(`SELECT 1 FROM platform.outbox WHERE id = $1 AND sent_at IS NOT NULL`, [lonely.eventId])
      ).length === 1;
    const deadline = Date.now() + 5_000;
    while (!(await sent()) && Date.now() < deadline) await sleep(20);
    expect(await sent()).toBe(true);
  });

  it('When publish is called outside a transaction, then it refuses (events must commit with state)', async () => {
    await expect(app.get(OutboxPublisher).publish(new PingHappened('agg-y', { n: 4, failTimes: 0 }))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('When a handler throws, then the job is retried with backoff and takes effect once', async () => {
    await publish({ n: 5, failTimes: 2 });
    await waitFor(() => received.some((r) => r.n === 5), 20_000);
    expect(received.filter((r) => r.n === 5)).toEqual([{ n: 5, requestId: 'req-0000001', attempt: 3 }]);
  });

  it('When a job is delivered again (redelivery), then the inbox makes it a no-op', async () => {
    await publish({ n: 6, failTimes: 0 });
    await waitFor(() => received.some((r) => r.n === 6));
    const [row] = await app.get<DataSource>(getDataSourceToken()).query(`SELECT id FROM platform.outbox WHERE payload->>'n' = '6'`);
    const consumer = app.get(ConsumerRegistry).get('probe.record-ping');
    expect(consumer).toBeDefined();
    // Same event, new job id: as after a crash between enqueue and marking the row sent.
    await app
      .get(QueueRegistry)
      .get('probe')
      .add('probe.record-ping', {
        consumer: 'probe.record-ping',
        envelope: {
          eventId: row.id,
          eventName: 'test.ping-happened',
          aggregateId: 'agg-6',
          occurredAt: new Date().toISOString(),
          payload: { n: 6, failTimes: 0 },
        },
      });
    await sleep(500);
    const [{ done }] = await app
      .get<DataSource>(getDataSourceToken())
      .query(`SELECT count(*)::int AS done FROM platform.inbox WHERE event_id = $1`, [row.id]);
    expect(done).toBe(2); // one row per consumer
    expect(received.filter((r) => r.n === 6)).toHaveLength(1);
  });

  it('When several relays run at once, then each event reaches each consumer exactly once', async () => {
    const relay = app.get(OutboxRelay);
    await Promise.all(Array.from({ length: 20 }, (_, i) => publish({ n: 100 + i, failTimes: 0 })));
    await Promise.all([relay.drain(), relay.drain(), relay.drain()]);
    await waitFor(() => received.filter((r) => r.n >= 100).length >= 20);
    await sleep(300);
    const ns = received.filter((r) => r.n >= 100).map((r) => r.n);
    expect(new Set(ns).size).toBe(20);
    expect(ns).toHaveLength(20);
  });
});
