import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { setLogDestination } from '@keel/kernel';
import { PaymentSandbox } from '../../../apps/payment-sandbox/src/sandbox';
import { createTestDatabase } from '../../support/test-database';
import { startTestApp, type TestApp } from '../../support/test-app';

/**
 * Nothing secret in any log line (issue 6): a representative flow runs with
 * every log line of the API and the worker captured (pino's destination, plus
 * anything written to stdout/stderr by other code, at LOG_LEVEL=trace), then
 * no line may contain a password, a token, a signing secret, a header value
 * that authenticates, or the database password.
 */
describe('Secrets never reach the logs', () => {
  const unique = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
  const secrets = {
    jwtSecret: unique('jwt-secret-value-long-enough'),
    stripeWebhookSecret: unique('whsec'),
    razorpayWebhookSecret: unique('rzp-webhook'),
    stripeApiKey: unique('sk_test'),
    razorpayKeySecret: unique('rzp-key-secret'),
    databasePassword: unique('db-password'),
    adminPassword: unique('admin-password'),
    userPassword: unique('user-password'),
    wrongPassword: unique('wrong-password'),
    invalidPassword: 'short-' + randomBytes(2).toString('hex'), // under 12 characters: a validation error on the field
    cookie: unique('session-cookie'),
    apiKey: unique('x-api-key'),
  };
  const tokens: string[] = [];
  const lines: string[] = [];
  let t: TestApp;
  let sandbox: PaymentSandbox;
  const restore: Array<() => void> = [];

  const capture = (stream: NodeJS.WriteStream) => {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = original));
  };

  beforeAll(async () => {
    setLogDestination(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString('utf8'));
          done();
        },
      }),
    );
    capture(process.stdout);
    capture(process.stderr);
    // Real provider calls (API key in Authorization) and signed webhooks back, through the bundled sandbox.
    sandbox = new PaymentSandbox({
      stripeWebhookSecret: secrets.stripeWebhookSecret,
      razorpayWebhookSecret: secrets.razorpayWebhookSecret,
      webhookDelayMs: 20,
    });
    const sandboxUrl = await sandbox.listen(0);
    const db = await createTestDatabase();
    // The shared server trusts local connections, so the password is accepted and ignored: it only has to be in the URL.
    const url = new URL(db.url);
    url.password = secrets.databasePassword;
    t = await startTestApp(
      {
        DATABASE_URL: url.toString(),
        LOG_LEVEL: 'trace',
        LOG_FORMAT: 'json',
        JWT_SECRET: secrets.jwtSecret,
        STRIPE_WEBHOOK_SECRET: secrets.stripeWebhookSecret,
        RAZORPAY_WEBHOOK_SECRET: secrets.razorpayWebhookSecret,
        STRIPE_API_KEY: secrets.stripeApiKey,
        RAZORPAY_KEY_SECRET: secrets.razorpayKeySecret,
        ADMIN_EMAIL: 'logs-admin@example.com',
        ADMIN_PASSWORD: secrets.adminPassword,
        PAYMENTS_ENABLED: 'true',
        // A replayed refresh token is re-use at once (no grace window), so the error path below runs.
        REFRESH_TOKEN_REUSE_GRACE_SECONDS: '0',
        STRIPE_API_BASE: sandboxUrl,
        RAZORPAY_API_BASE: sandboxUrl,
      },
      { worker: true, database: db },
    );
    for (const key of ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'PAYMENTS_ENABLED', 'STRIPE_API_BASE', 'RAZORPAY_API_BASE', 'STRIPE_API_KEY']) {
      delete process.env[key];
    }
    for (const key of ['STRIPE_WEBHOOK_SECRET', 'RAZORPAY_WEBHOOK_SECRET', 'RAZORPAY_KEY_SECRET', 'JWT_SECRET']) delete process.env[key];
    const api = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    sandbox.options.stripeWebhookUrl = `${api}/api/v1/payments/webhooks/stripe`;
    sandbox.options.razorpayWebhookUrl = `${api}/api/v1/payments/webhooks/razorpay`;
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
    setLogDestination(undefined);
    restore.forEach((undo) => undo());
  });

  it('When a representative flow runs with every log line captured, then no line contains a secret', async () => {
    const email = `logs-${randomBytes(4).toString('hex')}@example.com`;
    const http = () => t.http();

    await http().post('/api/v1/auth/register').send({ email, password: secrets.userPassword, name: 'Log Watcher' }).expect(202);
    // A validation error on the password field itself.
    await http()
      .post('/api/v1/auth/register')
      .send({ email: `other-${email}`, password: secrets.invalidPassword, name: 'Short' })
      .expect(400);
    // A failing login, with the wrong password.
    await http().post('/api/v1/auth/login').send({ email, password: secrets.wrongPassword }).expect(401);
    const login = await http().post('/api/v1/auth/login').send({ email, password: secrets.userPassword }).expect(200);
    tokens.push(login.body.accessToken, login.body.refreshToken);
    // The device cookie (ADR 0013) exempts its holder from other clients' lockouts: a secret too.
    const deviceCookie = [login.headers['set-cookie'] ?? []]
      .flat()
      .find((c: string) => c.startsWith('keel_device='))!
      .split(';')[0];
    tokens.push(deviceCookie.slice('keel_device='.length));
    await http().post('/api/v1/auth/login').set('cookie', deviceCookie).send({ email, password: secrets.wrongPassword }).expect(401);
    const refreshed = await http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    tokens.push(refreshed.body.accessToken, refreshed.body.refreshToken);
    // A replayed (already rotated) refresh token: an error path that handles a token.
    await http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(401);
    // The replay ended that session, access tokens included (a refused access token is another error path).
    await http().get('/api/v1/users/me').set('authorization', `Bearer ${refreshed.body.accessToken}`).expect(401);
    const session = await http().post('/api/v1/auth/login').set('cookie', deviceCookie).send({ email, password: secrets.userPassword });
    expect(session.status).toBe(200);
    tokens.push(session.body.accessToken, session.body.refreshToken);
    // The verification link from the (development) mailbox: its page is opened, then the token posted.
    let verificationToken: string | undefined;
    for (const deadline = Date.now() + 15_000; !verificationToken && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const [mail] = await t.dataSource.query(`SELECT body_text FROM notifications.dev_mailbox WHERE recipient = $1`, [email]);
      verificationToken = /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(mail?.body_text ?? '')?.[1];
    }
    if (!verificationToken) throw new Error('no verification email');
    tokens.push(verificationToken);
    await http().get(`/verify-email?token=${verificationToken}`).expect(200);
    await http().post('/api/v1/auth/verify-email').send({ token: verificationToken }).expect(204);

    const bearer = {
      authorization: `Bearer ${session.body.accessToken}`,
      cookie: `session=${secrets.cookie}`,
      'x-api-key': secrets.apiKey,
    };
    await http().get('/api/v1/users/me').set(bearer).expect(200);
    await http().get('/api/v1/orders').set(bearer).expect(200);
    // A tampered token: the 401 path must not log the token either.
    await http()
      .get('/api/v1/users/me')
      .set({ authorization: `Bearer ${refreshed.body.accessToken}x` })
      .expect(401);

    const admin = await http()
      .post('/api/v1/auth/login')
      .send({ email: 'logs-admin@example.com', password: secrets.adminPassword })
      .expect(200);
    tokens.push(admin.body.accessToken, admin.body.refreshToken);
    const product = await http()
      .post('/api/v1/products')
      .set({ authorization: `Bearer ${admin.body.accessToken}` })
      .send({
        sku: `LOG-${randomBytes(3).toString('hex')}`.toUpperCase(),
        name: 'Log mug',
        price: { amount: 500, currency: 'USD' },
        stock: 3,
      })
      .expect(201);
    // Both providers, the first call of each failing once (the retry and error paths log too), paid through signed webhooks.
    sandbox.faults.failNext = 2;
    const orderIds: string[] = [];
    for (const payment of [
      { provider: 'stripe', method: 'pm_card_visa' },
      { provider: 'razorpay', method: 'success@razorpay' },
    ]) {
      const order = await http()
        .post('/api/v1/orders')
        .set(bearer)
        .set('Idempotency-Key', `logs-${randomBytes(6).toString('hex')}`)
        .send({ items: [{ productId: product.body.id, quantity: 1 }], payment })
        .expect(201);
      orderIds.push(order.body.id);
    }
    const deadline = Date.now() + 30_000;
    for (const id of orderIds) {
      for (;;) {
        const res = await http().get(`/api/v1/orders/${id}`).set(bearer);
        if (res.status === 200 && res.body.status === 'PAID') break;
        if (Date.now() > deadline) throw new Error(`order ${id} not PAID: ${res.status} ${res.body.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await t.waitForQuiet(30_000);

    // Webhooks: one correctly signed (for an unknown payment), one with a forged signature.
    const body = JSON.stringify({
      id: `evt_${randomBytes(8).toString('hex')}`,
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_unknown' } },
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', secrets.stripeWebhookSecret).update(`${timestamp}.${body}`).digest('hex');
    const signed = await http()
      .post('/api/v1/payments/webhooks/stripe')
      .set({ 'content-type': 'application/json', 'stripe-signature': `t=${timestamp},v1=${signature}` })
      .send(body);
    expect(signed.status).toBeLessThan(500);
    const forged = `t=${timestamp},v1=${'0'.repeat(64)}`;
    await http()
      .post('/api/v1/payments/webhooks/stripe')
      .set({ 'content-type': 'application/json', 'stripe-signature': forged })
      .send(body)
      .expect(400);
    await http().post('/api/v1/auth/logout').set(bearer).send({ refreshToken: session.body.refreshToken }).expect(204);

    const log = lines.join('');
    // The capture is real: requests were logged, with their ids and statuses.
    expect(log).toContain('"statusCode":401');
    expect(log).toContain('/api/v1/auth/login');
    expect(log).toContain('/api/v1/payments/webhooks/stripe');
    expect(log).toContain('"statusCode":400');
    expect(log.split('\n').filter(Boolean).length).toBeGreaterThan(20);

    const needles: Record<string, string> = {
      ...secrets,
      stripeSignature: signature,
      ...Object.fromEntries(tokens.map((token, i) => [`token${i}`, token])),
      // A JWT's signature part alone is as secret as the whole token.
      ...Object.fromEntries(tokens.filter((x) => x.split('.').length === 3).map((token, i) => [`jwtSignature${i}`, token.split('.')[2]])),
    };
    const leaks = Object.entries(needles)
      .filter(([, value]) => value && log.includes(value))
      .map(([name]) => {
        const line = log.split('\n').find((l) => l.includes(needles[name]))!;
        return `${name} in: ${line.replace(needles[name], '<SECRET>').slice(0, 300)}`;
      });
    expect(leaks).toEqual([]);
  });
});
