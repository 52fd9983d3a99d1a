import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { KeelDataSource, keelDataSourceOptions, runMigrations } from '../../../ormconfig';
import { createDatabaseRoles, scramSha256Verifier } from '../../../scripts/db/create-roles';
import { ADMIN } from '../orders/orders-fixtures';
import { createTestDatabase, SERVER_URL, type TestDatabase } from '../../support/test-database';
import { startTestApp, type TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

/**
 * Least privilege (issue 6): migrations run as an owner role, the API and the
 * worker as an app role that reads and writes rows but cannot change the schema.
 * Role names are cluster-wide, so each run uses its own.
 */
describe('PostgreSQL roles: owner migrates, the app cannot run DDL', () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `keel_owner_${suffix}`;
  const appRole = `keel_app_${suffix}`;
  let db: TestDatabase;
  let t: TestApp | undefined;
  let appClient: Client;

  const asRole = (url: string, role: string) => {
    const u = new URL(url);
    u.username = role;
    u.password = `${role}-password`;
    return u.toString();
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    await createDatabaseRoles({
      adminUrl: db.url,
      ownerRole,
      appRole,
      ownerPassword: `${ownerRole}-password`,
      appPassword: `${appRole}-password`,
    });
    await runMigrations(asRole(db.url, ownerRole));
    // The API and the worker, queues on BullMQ's PostgreSQL backend, all as the app role.
    t = await startTestApp(
      { DATABASE_URL: asRole(db.url, appRole), ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
      { worker: true, database: db },
    );
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    appClient = new Client({ connectionString: asRole(db.url, appRole) });
    await appClient.connect();
  });

  afterAll(async () => {
    await appClient?.end();
    if (t) await t.close();
    else await db?.drop();
    // The roles own nothing outside the dropped database, so they drop cleanly.
    const admin = new Client({ connectionString: SERVER_URL });
    await admin.connect();
    try {
      await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
      await admin.query(`DROP ROLE IF EXISTS ${ownerRole}`);
    } finally {
      await admin.end();
    }
  });

  it('When the roles are created, then neither has cluster-wide powers, passwords are stored as SCRAM verifiers and the app is no member of the owner', async () => {
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        `SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolcanlogin, rolpassword
           FROM pg_authid WHERE rolname = ANY($1) ORDER BY rolname`,
        [[ownerRole, appRole]],
      );
      for (const row of rows) {
        expect(row).toMatchObject({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false, rolcanlogin: true });
        expect(row.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
      }
      expect(rows).toHaveLength(2);
      const [{ member }] = (await admin.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [appRole, ownerRole])).rows;
      expect(member).toBe(false);
    } finally {
      await admin.end();
    }
  });

  it('When the owner ran the migrations, then it owns every table, BullMQ schema included', async () => {
    const { rows } = await appClient.query(
      `SELECT DISTINCT n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        ORDER BY 1`,
    );
    expect(rows.map((r) => r.schema)).toEqual(
      expect.arrayContaining(['bullmq', 'catalog', 'identity', 'inventory', 'notifications', 'orders', 'payments', 'platform', 'public']),
    );
    for (const row of rows) expect(row.owner).toBe(ownerRole);
  });

  it('When the app role runs the API and the worker, then register, login, product and an order all work end to end', async () => {
    const app = t!;
    const { accessToken } = await signUp(app);
    const admin = await app.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    const product = await app
      .http()
      .post('/api/v1/products')
      .set('authorization', `Bearer ${admin.body.accessToken}`)
      .send({ sku: `SKU-${suffix}`.toUpperCase(), name: 'Least privilege mug', price: { amount: 900, currency: 'USD' }, stock: 5 })
      .expect(201);
    const order = await app
      .http()
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${accessToken}`)
      .set('Idempotency-Key', `roles-${suffix}`)
      .send({ items: [{ productId: product.body.id, quantity: 2 }], payment: { provider: 'stripe', method: 'pm_card_visa' } })
      .expect(201);
    // Outbox NOTIFY/LISTEN, BullMQ on PostgreSQL (its per-queue sequences included) and the consumers, as the app role.
    await app.waitForQuiet(30_000);
    const stored = await app.http().get(`/api/v1/orders/${order.body.id}`).set('authorization', `Bearer ${accessToken}`).expect(200);
    expect(stored.body.history.map((h: { status: string }) => h.status)).toEqual(expect.arrayContaining(['PENDING', 'CONFIRMED']));
    const [{ user }] = (await app.dataSource.query(`SELECT current_user AS user`)) as Array<{ user: string }>;
    expect(user).toBe(appRole);
    // The relay's wake-up is a real LISTEN session of the app role (polling alone would also confirm orders).
    const listening = await appClient.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = $2 AND query ILIKE 'LISTEN%keel_outbox%'`,
      [appRole, db.name],
    );
    expect(listening.rows[0].n).toBeGreaterThanOrEqual(1);
  });

  const denied = async (sql: string) => {
    const error = await appClient.query(sql).then(
      () => undefined,
      (e: { code?: string; message: string }) => e,
    );
    expect(error).toBeDefined();
    // 42501 insufficient_privilege: "must be owner of ..." / "permission denied for ..."
    expect({ sql, code: error?.code }).toEqual({ sql, code: '42501' });
    expect(error?.message).toMatch(/must be owner|permission denied/);
  };

  it.each([
    ['DROP TABLE', 'DROP TABLE identity.users'],
    ['DROP TABLE (BullMQ)', 'DROP TABLE bullmq.job'],
    ['DROP TABLE (migrations ledger)', 'DROP TABLE public.typeorm_migrations'],
    ['ALTER TABLE', 'ALTER TABLE orders.orders ADD COLUMN pwned text'],
    ['ALTER TABLE (BullMQ)', 'ALTER TABLE bullmq.job DROP COLUMN data'],
    ['CREATE TABLE in a context schema', 'CREATE TABLE identity.pwned (id int)'],
    ['CREATE TABLE in public', 'CREATE TABLE public.pwned (id int)'],
    ['CREATE SCHEMA', 'CREATE SCHEMA pwned'],
    ['TRUNCATE', 'TRUNCATE platform.outbox'],
    ['CREATE INDEX', 'CREATE INDEX pwned_idx ON identity.users (email)'],
    ['DROP SCHEMA', 'DROP SCHEMA catalog CASCADE'],
  ])('When the app role tries %s, then PostgreSQL refuses it', async (_name, sql) => {
    await denied(sql);
  });

  it('When the app role tries to become the owner, then it is refused', async () => {
    await denied(`SET ROLE ${ownerRole}`);
  });

  it('When the DDL attempts failed, then the schema is unchanged and the app still reads and writes rows', async () => {
    const { rows } = await appClient.query(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = 'orders' AND table_name = 'orders' AND column_name = 'pwned'`,
    );
    expect(rows[0].n).toBe(0);
    const users = await appClient.query(`SELECT count(*)::int AS n FROM identity.users`);
    expect(users.rows[0].n).toBeGreaterThanOrEqual(2);
    await appClient.query('BEGIN');
    await appClient.query(`UPDATE identity.users SET name = name`);
    await appClient.query('ROLLBACK');
  });

  it('When the roles script runs again, then it is idempotent', async () => {
    await expect(createDatabaseRoles({ adminUrl: db.url, ownerRole, appRole })).resolves.toEqual({ ownerRole, appRole });
  });

  it.each([
    ['UPDATE', `UPDATE platform.audit_events SET action = 'forged'`],
    ['DELETE', 'DELETE FROM platform.audit_events'],
    ['TRUNCATE', 'TRUNCATE platform.audit_events'],
  ])('When the app role tries to %s audit rows (also after the roles script ran again), then PostgreSQL refuses it', async (_name, sql) => {
    await denied(sql);
  });

  it('When the app role audits, then it can INSERT and SELECT audit rows, and the rows written by the API are intact', async () => {
    const { rows } = await appClient.query(`SELECT count(*)::int AS n FROM platform.audit_events WHERE action <> 'forged'`);
    // The admin bootstrap's role grant and the admin's login through the API, written as the app role.
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
    await appClient.query('BEGIN');
    await appClient.query(
      `INSERT INTO platform.audit_events (id, actor_role, action, target_type, target_id) VALUES (gen_random_uuid(), 'system', 'test.inserted', 'test', '1')`,
    );
    await appClient.query('ROLLBACK');
    const grants = await appClient.query(
      `SELECT privilege_type FROM information_schema.role_table_grants
        WHERE table_schema = 'platform' AND table_name = 'audit_events' AND grantee = $1 ORDER BY 1`,
      [appRole],
    );
    expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });

  it('When owner and app role names are equal or not plain identifiers, then the script refuses', async () => {
    await expect(createDatabaseRoles({ adminUrl: db.url, ownerRole: appRole, appRole })).rejects.toThrow(/must differ/);
    await expect(createDatabaseRoles({ adminUrl: db.url, ownerRole: 'x"; DROP', appRole })).rejects.toThrow(/owner role must match/);
  });
});

describe('scramSha256Verifier', () => {
  it('When given the RFC 7677 example password and salt, then the stored verifier authenticates that exchange', () => {
    // RFC 7677 section 3: user "user", password "pencil".
    const verifier = scramSha256Verifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
    const [, iterations, salt, storedKey, serverKey] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):(.+)$/.exec(verifier)!;
    expect([iterations, salt]).toEqual(['4096', 'W22ZaJ0SNY7soEsUEjb6gQ==']);
    const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`;
    const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    expect(hmac(Buffer.from(serverKey, 'base64'), authMessage).toString('base64')).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
    const clientSignature = hmac(Buffer.from(storedKey, 'base64'), authMessage);
    const proof = Buffer.from('dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=', 'base64');
    const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
    expect(createHash('sha256').update(clientKey).digest('base64')).toBe(storedKey);
  });
});

describe('PostgreSQL roles on a database first migrated by a superuser (adopt ownership)', () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `keel_owner_${suffix}`;
  const appRole = `keel_app_${suffix}`;
  let db: TestDatabase;
  const asRole = (role: string) => {
    const u = new URL(db.url);
    u.username = role;
    return u.toString();
  };
  const query = async <T>(url: string, sql: string): Promise<T[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(); // migrated as the superuser, as the single-role setup did
  });
  afterAll(async () => {
    await db?.drop();
    await query(SERVER_URL, `DROP ROLE IF EXISTS ${appRole}`);
    await query(SERVER_URL, `DROP ROLE IF EXISTS ${ownerRole}`);
  });

  it('When the roles are created with adoptOwnership, then the owner owns every object and can migrate them, and the app still cannot', async () => {
    await createDatabaseRoles({ adminUrl: db.url, ownerRole, appRole, adoptOwnership: true });
    const foreign = await query<{ kind: string; name: string; owner: string }>(
      db.url,
      `SELECT 'relation' AS kind, n.nspname || '.' || c.relname AS name, pg_get_userbyid(c.relowner) AS owner
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'S', 'v', 'm') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       UNION ALL
       SELECT 'function', p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
          AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       UNION ALL
       SELECT 'type', n.nspname || '.' || t.typname, pg_get_userbyid(t.typowner)
         FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype IN ('e', 'b') AND t.typelem = 0
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
          AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       UNION ALL
       SELECT 'schema', nspname, pg_get_userbyid(nspowner) FROM pg_namespace
        WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')`,
    );
    expect(foreign.length).toBeGreaterThan(30);
    expect(foreign.filter((o) => o.owner !== ownerRole)).toEqual([]);

    // The owner can now change what the superuser created: revert the last migration and apply it again.
    const owner = await new KeelDataSource(keelDataSourceOptions(asRole(ownerRole))).initialize();
    try {
      await owner.undoLastMigration({ transaction: 'each' });
    } finally {
      await owner.destroy();
    }
    await expect(runMigrations(asRole(ownerRole))).resolves.toHaveLength(1);
    const [{ n }] = await query<{ n: number }>(asRole(appRole), `SELECT count(*)::int AS n FROM bullmq.job`);
    expect(n).toBe(0);
    await expect(query(asRole(appRole), `DROP TABLE identity.users`)).rejects.toMatchObject({ code: '42501' });
  });
});
