import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DomainEvent } from '@keel/kernel';
import { EventConsumer, EventEnvelope, IntegrationEventHandler, OutboxPublisher } from '@keel/messaging';
import { PlatformModule } from '@keel/runtime';
import { DataSource } from 'typeorm';
import { waitFor } from '../../support/processes';
import { TEST_JWT_SECRET } from '../../support/test-app';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

class BeepHappened extends DomainEvent<{ n: number }> {
  readonly eventName = 'test.beep-happened';
}

const received = new Map<number, number>();

@EventConsumer({ name: 'probe.record-beep', events: ['test.beep-happened'] })
class RecordBeep implements IntegrationEventHandler<{ n: number }> {
  async handle(event: EventEnvelope<{ n: number }>): Promise<void> {
    received.set(event.payload.n, Date.now());
  }
}

@Module({
  imports: [PlatformModule.forRoot({ service: { name: 'relay-listen-test', version: '0' }, worker: true })],
  providers: [RecordBeep],
})
class ProbeModule {}

/**
 * The relay's wake-up path: polling is set to a minute, so anything delivered
 * within seconds came through LISTEN/NOTIFY (or the catch-up after a reconnect).
 */
describe('Outbox relay LISTEN session', () => {
  const POLL_MS = 60_000;
  let db: TestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    delete process.env.REDIS_URL;
    Object.assign(process.env, {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      JWT_SECRET: TEST_JWT_SECRET,
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `test-relay-${Date.now()}`,
      OUTBOX_POLL_INTERVAL_MS: String(POLL_MS),
    });
    app = await NestFactory.createApplicationContext(ProbeModule, { logger: false, abortOnError: false });
    await app.init();
    dataSource = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const publish = (n: number) =>
    app.get(TransactionHost).withTransaction(() => app.get(OutboxPublisher).publish(new BeepHappened(`agg-${n}`, { n })));

  const listenerPids = async (): Promise<number[]> => {
    const rows: Array<{ pid: number }> = await dataSource.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = 'keel-outbox-listener' AND datname = current_database()`,
    );
    return rows.map((r) => r.pid);
  };

  it('When an event commits, then NOTIFY wakes the relay and it is delivered long before the next poll', async () => {
    // The boot drain has run and the relay is idle until the next poll (a minute away) or a NOTIFY.
    await waitFor(async () => (await listenerPids()).length === 1, 'the relay LISTEN session', 10_000);
    const committedAt = Date.now();
    await publish(1);
    await waitFor(() => received.has(1), 'event 1 delivered', 10_000);
    expect(received.get(1)! - committedAt).toBeLessThan(5_000);
  });

  it('When the LISTEN session is killed, then the relay reconnects and relays what committed meanwhile without waiting for the poll', async () => {
    const [before] = await listenerPids();
    expect(before).toBeDefined();
    await dataSource.query(`SELECT pg_terminate_backend($1)`, [before]);
    await waitFor(async () => !(await listenerPids()).includes(before!), 'the old session gone', 5_000);

    // Committed while nobody listens: its NOTIFY is lost; only the catch-up after reconnecting can deliver it in time.
    const committedAt = Date.now();
    await publish(2);

    await waitFor(() => received.has(2), 'event 2 delivered after the reconnect', 20_000);
    expect(received.get(2)! - committedAt).toBeLessThan(POLL_MS / 2);
    const after = await listenerPids();
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);

    // And NOTIFY works again on the new session.
    const again = Date.now();
    await publish(3);
    await waitFor(() => received.has(3), 'event 3 delivered', 10_000);
    expect(received.get(3)! - again).toBeLessThan(5_000);
  });
});
