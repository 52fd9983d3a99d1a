import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@keel/kernel';
import { dbReads, dbReplicaUp } from '@keel/observability';
import { ReadRouter } from '@keel/persistence';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { ADMIN, ADMIN_ENV, createProduct } from '../catalog/catalog-fixtures';
import { freePort, waitFor } from '../../support/processes';
import { startPrimary, startReplica, type Primary, type Replica } from '../../support/replica';
import { startTestApp, type TestApp } from '../../support/test-app';
import type { TestDatabase } from '../../support/test-database';
import { runMigrations } from '../../../ormconfig';
import { PASSWORD, signUp, uniqueEmail } from '../../support/users';

jest.setTimeout(60_000);

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function reads(target: 'replica' | 'primary', reason?: string): Promise<number> {
  const { values } = await dbReads.get();
  return values.filter((v) => v.labels.target === target && (!reason || v.labels.reason === reason)).reduce((sum, v) => sum + v.value, 0);
}

/** Whether this instance currently takes reads on its replica (the metrics registry is shared by every app in this process). */
const replicaInUse = (app: { get: NestFastifyApplication['get'] }) => app.get(ReadRouter).replicas.every((r) => r.isHealthy);

async function replicaUpGauge(): Promise<number[]> {
  return (await dbReplicaUp.get()).values.map((v) => v.value);
}

async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('Read replicas with read-your-writes (a real streaming replica)', () => {
  let primary: Primary | undefined;
  let replica: Replica | undefined;
  let db: TestDatabase;
  let t: TestApp | undefined;
  let other: NestFastifyApplication | undefined;
  let admin: string;

  beforeAll(async () => {
    // A primary of our own: replication from it needs pg_hba.conf rights the shared server need not grant,
    // and its replication slot can never make the shared server keep WAL.
    primary = await startPrimary({ port: await freePort() });
    replica = await startReplica({ primaryPort: primary.port, port: await freePort() });
    // Created after the base backup: the new database reaches the replica by streaming.
    const name = `keel_test_${randomBytes(6).toString('hex')}`;
    await sql(primary.url, `CREATE DATABASE ${name}`);
    db = { name, url: primary.urlFor(name), drop: async () => undefined }; // goes with the whole primary
    await runMigrations(db.url);
    await replica.waitForReplay();
    // A generous lag bound: while replay is paused the replica stays in use (for users without recent writes).
    // Redis: write positions are shared by every API instance.
    t = await startTestApp(
      { ...ADMIN_ENV, DATABASE_REPLICA_URLS: replica.urlFor(db.name), REPLICA_MAX_LAG_MS: '60000' },
      { database: db, redis: true },
    );
    admin = (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.accessToken as string;
    // A second instance of the same deployment. Kept open to the end: Nest apps in one process share
    // nestjs-cls's static TransactionHost, so closing one early would break the other's transactions.
    other = await createApiApp(validateEnvironment(process.env));
    await other.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    try {
      await other?.close();
      await t?.close();
    } finally {
      // Always, even after a failure: no server may outlive the test.
      try {
        await replica?.stop();
      } finally {
        await primary?.stop();
      }
      for (const key of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'DATABASE_REPLICA_URLS', 'REPLICA_MAX_LAG_MS']) delete process.env[key];
    }
  });

  afterEach(async () => {
    // A failed test must not leave replay paused for the next one.
    await replica?.resumeReplay().catch(() => undefined);
  });

  it('When a user reads, then the query runs on the replica: its connections are there, and data written behind the API only shows once replayed', async () => {
    const user = await signUp(t!);
    await replica!.waitForReplay();
    const before = await reads('replica');
    const me = await t!.http().get('/api/v1/users/me').set(bearer(user.accessToken)).expect(200);
    expect(await reads('replica')).toBeGreaterThan(before);

    const sessions = await sql<{ n: number }>(
      replica!.urlFor(db.name),
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'keel-api-replica' AND datname = $1`,
      [db.name],
    );
    expect(sessions[0].n).toBeGreaterThan(0);

    await replica!.pauseReplay();
    // Changed on the primary without going through the API: no read-your-writes record for anyone.
    await sql(db.url, `UPDATE identity.users SET name = 'Renamed on the primary' WHERE id = $1`, [me.body.id]);
    const stale = await t!.http().get('/api/v1/users/me').set(bearer(user.accessToken)).expect(200);
    expect(stale.body.name).toBe(me.body.name); // the replica has not replayed it: proof the replica answered

    await replica!.resumeReplay();
    await replica!.waitForReplay();
    const fresh = await t!.http().get('/api/v1/users/me').set(bearer(user.accessToken)).expect(200);
    expect(fresh.body.name).toBe('Renamed on the primary');
  });

  it('When replay is paused, then a user who just wrote always reads their own writes (from the primary), while others may read the stale replica', async () => {
    const product = await createProduct(t!, admin, { stock: 1000 });
    const customer = await signUp(t!);
    await replica!.waitForReplay();
    await replica!.pauseReplay();
    const notReplayed = await reads('primary', 'own_write_not_replayed');

    for (let i = 1; i <= 5; i++) {
      const placed = await t!
        .http()
        .post('/api/v1/orders')
        .set(bearer(customer.accessToken))
        .set('Idempotency-Key', `ryw-${i}-${customer.email}`)
        .send({ items: [{ productId: product.id, quantity: 1 }], payment: { provider: 'stripe', method: 'pm_card_visa' } })
        .expect(201);
      // The very next reads by the same user see the write: never older than it.
      const one = await t!.http().get(`/api/v1/orders/${placed.body.id}`).set(bearer(customer.accessToken)).expect(200);
      expect(one.body.id).toBe(placed.body.id);
      const list = await t!.http().get('/api/v1/orders').set(bearer(customer.accessToken)).expect(200);
      expect(list.body.items).toHaveLength(i);

      // The admin wrote nothing since the replica caught up: the admin may be served from the stale replica.
      await t!.http().get(`/api/v1/orders/${placed.body.id}`).set(bearer(admin)).expect(404);
    }
    expect(await reads('primary', 'own_write_not_replayed')).toBeGreaterThanOrEqual(notReplayed + 10);

    // Registration and log-in are anonymous requests, yet they write for the new user: their reads see it.
    const email = uniqueEmail('paused');
    await t!.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Paused Replay' }).expect(202);
    const login = await t!.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
    const me = await t!.http().get('/api/v1/users/me').set(bearer(login.body.accessToken)).expect(200);
    expect(me.body.email).toBe(email);

    await replica!.resumeReplay();
    await replica!.waitForReplay();
    const replicaReads = await reads('replica');
    const all = await t!.http().get('/api/v1/orders').set(bearer(admin)).expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(5);
    expect(await reads('replica')).toBeGreaterThan(replicaReads);
    // Replayed now: the customer's reads go back to the replica.
    const customerReplica = await reads('replica', 'own_write_replayed');
    await t!.http().get('/api/v1/orders').set(bearer(customer.accessToken)).expect(200);
    expect(await reads('replica', 'own_write_replayed')).toBeGreaterThan(customerReplica);
  });

  it('When a user writes through one API instance, then their reads through another instance see it (write positions in Redis)', async () => {
    const viaOther = () => request(other!.getHttpServer());
    try {
      const product = await createProduct(t!, admin, { stock: 100 });
      const customer = await signUp(t!);
      await replica!.waitForReplay();
      await replica!.pauseReplay();
      const placed = await t!
        .http()
        .post('/api/v1/orders')
        .set(bearer(customer.accessToken))
        .set('Idempotency-Key', `ryw-other-${customer.email}`)
        .send({ items: [{ productId: product.id, quantity: 1 }], payment: { provider: 'stripe', method: 'pm_card_visa' } })
        .expect(201);
      await viaOther().get(`/api/v1/orders/${placed.body.id}`).set(bearer(customer.accessToken)).expect(200);
      expect((await viaOther().get('/api/v1/orders').set(bearer(customer.accessToken)).expect(200)).body.items).toHaveLength(1);
      // Someone without recent writes on that instance is still served by the (stale) replica.
      await viaOther().get(`/api/v1/orders/${placed.body.id}`).set(bearer(admin)).expect(404);
    } finally {
      await replica!.resumeReplay();
    }
  });

  it('When the replica goes down, then reads still succeed on the primary; when it is back, it is used again', async () => {
    const customer = await signUp(t!);
    await replica!.waitForReplay();
    await replica!.stopServer();
    try {
      // At once, before any probe noticed: the reads that hit the dead replica are retried on the primary.
      for (let i = 0; i < 5; i++) {
        await t!.http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200);
        await t!.http().get('/api/v1/products').expect(200);
        await t!.http().get('/api/v1/orders').set(bearer(admin)).expect(200);
      }
      expect((await reads('primary', 'replica_failed')) + (await reads('primary', 'no_usable_replica'))).toBeGreaterThan(0);
      await waitFor(() => !replicaInUse(t!.app), 'the replica to be marked down', 5000);
      await waitFor(async () => (await replicaUpGauge()).includes(0), 'keel_db_replica_up to report it', 5000);
      const primaryReads = await reads('primary', 'no_usable_replica');
      await t!.http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200);
      expect(await reads('primary', 'no_usable_replica')).toBeGreaterThan(primaryReads);
    } finally {
      await replica!.startServer();
    }
    await waitFor(() => replicaInUse(t!.app), 'the replica to be used again', 15_000);
    const replicaReads = await reads('replica');
    await t!.http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200);
    expect(await reads('replica')).toBeGreaterThan(replicaReads);
  });

  describe('with a tight REPLICA_MAX_LAG_MS', () => {
    let strict: NestFastifyApplication | undefined;

    beforeAll(async () => {
      // A second API instance on the same database, replica and Redis-less write positions, with a 500 ms lag bound.
      // The app reads its configuration from process.env; the first instance has read its own already.
      process.env.REPLICA_MAX_LAG_MS = '500';
      strict = await createApiApp(validateEnvironment(process.env));
      await strict.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await strict?.close();
    });

    it('When the replica falls behind by more than the bound, then it is skipped and everyone reads fresh data; once caught up it is used again', async () => {
      const http = () => request(strict!.getHttpServer());
      const customer = await signUp(t!);
      await replica!.waitForReplay();
      await waitFor(() => replicaInUse(strict!), 'the replica to be in use', 10_000);
      await replica!.pauseReplay();
      // Keep the primary writing so the replica's lag grows (an idle primary would not make it lag).
      await sql(db.url, `CREATE TABLE IF NOT EXISTS public.lag_ticks (at timestamptz NOT NULL DEFAULT now())`);
      const writer = setInterval(() => void sql(db.url, `INSERT INTO public.lag_ticks DEFAULT VALUES`).catch(() => undefined), 50);
      try {
        await sql(db.url, `UPDATE identity.users SET name = 'Changed while lagging' WHERE email = $1`, [customer.email]);
        // The strict instance stops using the replica: even a reader without own writes sees the change.
        await waitFor(
          async () =>
            (await http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200)).body.name === 'Changed while lagging',
          'the strict instance to skip the lagging replica',
          10_000,
        );
        const skipped = await reads('primary', 'no_usable_replica');
        const me = await http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200);
        expect(me.body.name).toBe('Changed while lagging');
        expect(await reads('primary', 'no_usable_replica')).toBeGreaterThan(skipped);
      } finally {
        clearInterval(writer);
        await replica!.resumeReplay();
      }
      await replica!.waitForReplay();
      await waitFor(
        async () => {
          const before = await reads('replica');
          await http().get('/api/v1/users/me').set(bearer(customer.accessToken)).expect(200);
          return (await reads('replica')) > before;
        },
        'the strict instance to use the replica again',
        10_000,
      );
    });
  });
});
