import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import tls from 'node:tls';
import request from 'supertest';
import { bearer, createProduct } from '../orders/orders-fixtures';
import {
  type CapturedLogs,
  captureLogs,
  isSettled,
  type PaymentsTestApp,
  startPaymentsApp,
  waitForOrder,
} from '../payments/payments-fixtures';
import { NGINX, type RunningEdge, startEdge } from '../../support/nginx-edge';
import { freePort, ROOT, waitFor } from '../../support/processes';
import { uniqueEmail, verificationTokenFor } from '../../support/users';

/**
 * The WAF and the rate limits at the edge (issue 16, ADR 0015), tested with the real thing:
 * nginx with ModSecurity and the OWASP Core Rule Set (Debian packages) running
 * docker/nginx/nginx.conf and docker/nginx/modsecurity/ as they ship, the real API, worker and
 * payment sandbox behind it (test/support/nginx-edge.ts).
 *
 *  - the attack set is refused by nginx (403 problem+json, an error log line with the rule id
 *    and the request id) and none of it reaches the API, whose request log is captured;
 *  - the happy path, webhooks signed over their raw body included, passes with no 403;
 *  - a burst beyond the per-address limits gets 429 problem+json with Retry-After from nginx.
 *
 * The TLS server block also listens on a plain port here (the one rewrite beyond paths and
 * ports): the payment sandbox posts its webhooks there, as it cannot trust a throw-away CA.
 */
const MTAIL = ['/usr/bin/mtail', '/usr/local/bin/mtail'].find((candidate) => existsSync(candidate));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('WAF and rate limits at the nginx edge (docker/nginx)', () => {
  let t: PaymentsTestApp;
  let logs: CapturedLogs;
  let edge: RunningEdge;
  let httpsPort: number;
  let plainPort: number;
  let statusPort: number;
  let mtailPort: number;
  let mtail: ChildProcess | undefined;
  /** 429s nginx sent (counted by the burst tests, checked against the metrics at the end). */
  let edgeLimited = 0;

  /** One request over TLS to the edge from a chosen loopback address (each address has its own limits). */
  function call(
    path: string,
    options: { from?: string; method?: string; headers?: Record<string, string>; body?: string; requestId?: string } = {},
  ): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: httpsPort,
          path,
          method: options.method ?? 'GET',
          headers: { 'x-request-id': options.requestId ?? `waf-${randomUUID()}`, ...options.headers },
          localAddress: options.from,
          ca: edge.ca,
          servername: 'localhost',
          agent: false,
          timeout: 10_000,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error(`timeout: ${path}`)));
      req.end(options.body);
    });
  }

  /** Request ids the API logged a completed request for (pino-http's line per request). */
  const apiRequestIds = () => new Set(logs.entries.map((e) => e.requestId).filter((id): id is string => typeof id === 'string'));
  const accessLines = () =>
    edge
      .accessLog()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { requestId: string; status: number; uri: string; upstream: string; edgeBlock: string });

  beforeAll(async () => {
    expect(NGINX).toBeDefined(); // fails, not skips, when nginx is missing
    logs = captureLogs();
    // LOG_LEVEL info: the API logs one line per completed request, with its request id.
    t = await startPaymentsApp({ env: { TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'info' } });
    const api = new URL(await t.app.getUrl());
    [httpsPort, plainPort, statusPort, mtailPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    edge = await startEdge({ httpPort: await freePort(), httpsPort, plainPort, statusPort, upstreams: [`127.0.0.1:${api.port}`] }, (e) =>
      waitFor(
        () =>
          new Promise<boolean>((ok) =>
            https
              .get({ host: '127.0.0.1', port: httpsPort, path: '/health/live', ca: e.ca, servername: 'localhost', agent: false }, (r) =>
                ok(r.statusCode === 200),
              )
              .on('error', () => ok(false)),
          ),
        'nginx to proxy /health/live',
        15_000,
      ),
    );
    // mtail with docker/mtail/nginx.mtail, tailing nginx's metrics log, as in docker-compose.yml.
    expect(MTAIL).toBeDefined(); // fails, not skips, when mtail is missing
    mtail = spawn(MTAIL!, ['--progs', join(ROOT, 'docker/mtail'), '--logs', edge.metricsLog, '--address', '127.0.0.1', '--port', String(mtailPort), '--logtostderr'], { stdio: 'ignore' }); // prettier-ignore
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${mtailPort}/metrics`).catch(() => undefined))?.ok === true,
      'mtail up',
      10_000,
    );
    // From here every fixture call (sign-up, products, orders, polling) and every webhook goes through the edge.
    const viaEdge = `http://127.0.0.1:${plainPort}`;
    t.http = () => request(viaEdge);
    t.sandbox.options.stripeWebhookUrl = `${viaEdge}/api/v1/payments/webhooks/stripe`;
    t.sandbox.options.razorpayWebhookUrl = `${viaEdge}/api/v1/payments/webhooks/razorpay`;
  });

  afterAll(async () => {
    mtail?.kill();
    await edge?.stop();
    await t?.close();
    logs?.stop();
  });

  /**
   * The OWASP-style attack set: each is something the API must never see. The JSON-body
   * attacks target fields the exclusions do not cover (email, name): the exclusions are narrow.
   */
  const ATTACKS: Array<{ name: string; path: string; method?: string; headers?: Record<string, string>; body?: string }> = [
    {
      name: 'SQL injection in the query',
      path: `/api/v1/products?q=${encodeURIComponent("1' UNION SELECT email, password_hash FROM users --")}`,
    },
    { name: 'SQL injection (tautology) in the query', path: `/api/v1/products?q=${encodeURIComponent("x' OR '1'='1")}` },
    {
      name: 'SQL injection in a JSON body',
      path: '/api/v1/auth/login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: "admin@example.com' OR 1=1 -- ", password: 'whatever password' }),
    },
    { name: 'XSS in the query', path: `/api/v1/products?q=${encodeURIComponent('<script>alert(document.cookie)</script>')}` },
    {
      name: 'XSS in a JSON body',
      path: '/api/v1/auth/register',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail(), password: 'a long enough password', name: '<img src=x onerror=alert(1)>' }),
    },
    { name: 'path traversal in the query', path: `/api/v1/products?q=${encodeURIComponent('../../../../etc/passwd')}` },
    { name: 'encoded path traversal in the path', path: '/api/v1/products/%2e%2e%2f%2e%2e%2fetc%2fpasswd' },
    {
      name: "a scanner's user agent (sqlmap)",
      path: '/api/v1/products',
      headers: { 'user-agent': 'sqlmap/1.7.2#stable (https://sqlmap.org)' },
    },
    {
      name: "a scanner's user agent (Nikto)",
      path: '/health/ready',
      headers: { 'user-agent': 'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000001)' },
    },
    {
      name: 'request smuggling: a second request inside the body',
      path: '/api/v1/orders',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1\r\n\r\nGET /admin/queues HTTP/1.1\r\nHost: localhost\r\n\r\n',
    },
    {
      name: 'response splitting / header injection in the query',
      path: `/api/v1/products?q=${encodeURIComponent('x\r\nSet-Cookie: session=attacker')}`,
    },
  ];

  it('When the OWASP-style attack set is sent, then nginx refuses each with a 403 problem+json and a WAF log line, and none reaches the API', async () => {
    const sent: Array<{ name: string; requestId: string; reply: Reply }> = [];
    for (const [i, attack] of ATTACKS.entries()) {
      const requestId = `waf-attack-${i}-${randomUUID()}`;
      sent.push({ name: attack.name, requestId, reply: await call(attack.path, { ...attack, requestId, from: `127.0.2.${i + 1}` }) });
    }
    // A benign request with a known id, the control: it does reach the API's log, so the absence below means something.
    const control = `waf-control-${randomUUID()}`;
    expect((await call('/api/v1/products?q=trail%20shoes', { requestId: control, from: '127.0.2.200' })).status).toBe(200);
    await waitFor(() => apiRequestIds().has(control), 'the API to log the control request', 5_000);

    expect(sent.map(({ name, reply }) => ({ name, status: reply.status }))).toEqual(ATTACKS.map(({ name }) => ({ name, status: 403 })));
    const reachedApi = apiRequestIds();
    const access = accessLines();
    for (const { name, requestId, reply } of sent) {
      expect({ name, contentType: reply.headers['content-type'] }).toEqual({ name, contentType: 'application/problem+json' });
      expect(JSON.parse(reply.body)).toEqual(
        expect.objectContaining({ type: 'https://keel.dev/problems/request-blocked', status: 403, requestId }),
      );
      expect(reply.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect({ name, reachedApi: reachedApi.has(requestId) }).toEqual({ name, reachedApi: false });
      // nginx's access log: answered at the edge (no upstream), marked as a WAF block for the metrics.
      expect(access.find((line) => line.requestId === requestId)).toMatchObject({ status: 403, upstream: '', edgeBlock: 'waf' });
      // nginx's error log: ModSecurity's line with the deciding rule (anomaly evaluation) and the request id.
      expect({ name, logged: edge.errorLog().split('\n').some((line) => /ModSecurity: Access denied with code 403/.test(line) && /\[id "949110"\]/.test(line) && line.includes(`[unique_id "${requestId}"]`)) }).toEqual({ name, logged: true }); // prettier-ignore
    }
  });

  /** Writes raw bytes over TLS (what an HTTP client library would refuse to send) and returns the raw answer. */
  const rawExchange = (bytes: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: httpsPort, ca: edge.ca, servername: 'localhost' }, () => socket.write(bytes));
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      socket.setTimeout(5_000, () => socket.destroy(new Error('no answer')));
    });

  it.each([
    [
      'smuggling with both Content-Length and Transfer-Encoding',
      (id: string) =>
        'POST /api/v1/orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        `X-Request-Id: ${id}\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\nG`,
    ],
    [
      'a path that climbs above the root',
      (id: string) =>
        `GET /api/v1/products/..%2f..%2f..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: ${id}\r\nConnection: close\r\n\r\n`,
    ],
  ])('When a request is %s, then nginx itself refuses it (400 problem+json) before the WAF and the API', async (_name, bytes) => {
    const requestId = `waf-malformed-${randomUUID()}`;
    const raw = await rawExchange(bytes(requestId));
    // nginx's HTTP parser refuses it (ambiguous framing, a path outside the root): there is no
    // request for ModSecurity or an upstream to see, and the answer is still the edge's problem+json.
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-type: application\/problem\+json/i);
    expect(raw).toContain('"type":"https://keel.dev/problems/bad-request"');
    expect(apiRequestIds().has(requestId)).toBe(false);
  });

  it('When the e2e happy path runs through the edge (sign-up, login, catalog, orders, signed webhooks), then nothing is refused', async () => {
    const before = accessLines().length;
    // Passwords are free-form: quotes, SQL comments and angle brackets are a strong password, not an attack.
    const email = uniqueEmail();
    const password = `Tr0ub4dor&3 ' OR "1"="1" -- <b>${randomUUID().slice(0, 6)}</b>`;
    await t.http().post('/api/v1/auth/register').send({ email, password, name: "Seán O'Brien-Smith" }).expect(202);
    const login = await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    const me = await t.http().get('/api/v1/users/me').set(bearer(login.body.accessToken)).expect(200);
    expect(me.body.email).toBe(email);
    // The verification link's token, posted back as the link's page does.
    await t
      .http()
      .post('/api/v1/auth/verify-email')
      .send({ token: await verificationTokenFor(t, me.body.id) })
      .expect(204);
    const refreshed = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    const token = refreshed.body.accessToken as string;
    await t
      .http()
      .post('/api/v1/auth/password')
      .set(bearer(token))
      .send({ currentPassword: password, newPassword: `${password} <script>2</script>` })
      .expect(204);
    const session = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email, password: `${password} <script>2</script>` })
      .expect(200);
    const customerToken = session.body.accessToken as string;

    // The admin's side: a catalog entry written like a real one, then changed.
    const admin = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'orders-admin@example.com', password: 'orders admin password 123' });
    expect(admin.status).toBe(200);
    t.adminToken = admin.body.accessToken as string;
    const product = await createProduct(t, { name: "Men's Trail Shoe (UK 10.5) - 100% recycled mesh", stock: 20 });
    await t
      .http()
      .patch(`/api/v1/products/${product.id}`)
      .set(bearer(t.adminToken))
      .send({ description: 'Lightweight & breathable; fits true to size. Care: hand-wash at 30°C, dry flat.' })
      .expect(200);
    await t
      .http()
      .post(`/api/v1/products/${product.id}/stock-adjustments`)
      .set(bearer(t.adminToken))
      .send({ delta: 5, reason: 'Recount after the stock-take: 5 units found on shelf B-12' })
      .expect(200);
    await t.http().get('/api/v1/products').query({ limit: 5, q: 'trail shoe' }).expect(200);
    await t.http().get(`/api/v1/products/${product.id}`).expect(200);
    await t.http().get('/api/v1/admin/feature-flags').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/admin/queues').set(bearer(t.adminToken)).expect(200);
    await t.http().get('/docs-json').expect(200);

    // Orders paid with both providers: the sandbox's webhooks (signed over the raw body) come back through the edge.
    for (const [provider, method] of [
      ['stripe', 'pm_card_visa'],
      ['razorpay', 'success@razorpay'],
    ]) {
      const placed = await t
        .http()
        .post('/api/v1/orders')
        .set(bearer(customerToken))
        .set('idempotency-key', randomUUID())
        .send({ items: [{ productId: product.id, quantity: 1 }], payment: { provider, method } })
        .expect(201);
      expect((await waitForOrder(t, customerToken, placed.body.id, isSettled)).status).toBe('PAID');
      await t.http().get(`/api/v1/orders/${placed.body.id}/payments`).set(bearer(customerToken)).expect(200);
    }
    await t.http().get('/api/v1/orders').query({ limit: 10 }).set(bearer(customerToken)).expect(200);
    await t.waitForQuiet();
    await t.http().get('/api/v1/notifications').set(bearer(customerToken)).expect(200);
    await t.http().post('/api/v1/auth/logout').set(bearer(customerToken)).send({ refreshToken: session.body.refreshToken }).expect(204);

    const lines = accessLines().slice(before);
    const webhooks = lines.filter((line) => line.uri.startsWith('/api/v1/payments/webhooks/'));
    expect(new Set(webhooks.map((line) => line.uri))).toEqual(
      new Set(['/api/v1/payments/webhooks/stripe', '/api/v1/payments/webhooks/razorpay']),
    );
    expect(webhooks.every((line) => line.status === 200)).toBe(true);
    expect(lines.filter((line) => line.status === 403 || line.status === 429 || line.edgeBlock !== '')).toEqual([]);
  });

  it('When one address sends a burst of logins beyond the auth limit, then nginx answers 429 problem+json with Retry-After and the API never sees them', async () => {
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not the password at all' });
    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        call('/api/v1/auth/login', {
          from: '127.0.3.1',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          requestId: `waf-burst-${i}-${randomUUID()}`,
        }),
      ),
    );
    const limited = replies.filter((r) => r.status === 429);
    edgeLimited += limited.length;
    // burst=10 plus the one the rate allows: at most 11 reach the API (which answers 401), the rest are refused.
    expect(replies.filter((r) => r.status !== 429).length).toBeLessThanOrEqual(11);
    expect(limited.length).toBeGreaterThanOrEqual(14);
    for (const reply of limited) {
      expect(reply.headers['retry-after']).toBe('1');
      expect(reply.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(reply.body)).toMatchObject({ type: 'https://keel.dev/problems/rate-limited', status: 429 });
    }
    const reachedApi = apiRequestIds();
    expect(limited.filter((r) => reachedApi.has(JSON.parse(r.body).requestId as string))).toEqual([]);
    // Another address is not affected: limits are per client address (another account too, or the API's
    // own per-account lockout, the second line, would answer 429 after the failures above).
    const other = JSON.stringify({ email: uniqueEmail(), password: 'not the password at all' });
    expect(
      (
        await call('/api/v1/auth/login', {
          from: '127.0.3.2',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: other,
        })
      ).status,
    ).toBe(401);
  });

  it('When one address floods any route beyond the general limit, then nginx answers 429 there too', async () => {
    const replies = await Promise.all(Array.from({ length: 70 }, () => call('/health/live', { from: '127.0.3.3' })));
    const statuses = replies.map((r) => r.status);
    edgeLimited += statuses.filter((s) => s === 429).length;
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(replies.find((r) => r.status === 429)?.headers['retry-after']).toBe('1');
  });

  it('When requests were refused at the edge, then the metrics count them: WAF blocks and rate limits from the access log (mtail), connections from stub_status', async () => {
    const sample = (text: string, labels: RegExp) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('keel_edge_responses_total{') && labels.test(line))
        .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    // nginx flushes its metrics log every second and mtail polls it: wait until every logged request is counted.
    const logged = accessLines().length;
    let metrics = '';
    await waitFor(
      async () => {
        metrics = await (await fetch(`http://127.0.0.1:${mtailPort}/metrics`)).text();
        return sample(metrics, /./) === logged;
      },
      'mtail to count every access log line',
      10_000,
    );
    expect(sample(metrics, /edge_block="waf"/)).toBe(ATTACKS.length);
    expect(sample(metrics, /edge_block="waf".*status="403"|status="403".*edge_block="waf"/)).toBe(ATTACKS.length);
    expect(sample(metrics, /edge_block="rate_limit"/)).toBe(edgeLimited);
    expect(edgeLimited).toBeGreaterThan(0);
    expect(sample(metrics, /status="5\d\d"/)).toBe(0);
    const status = await (await fetch(`http://127.0.0.1:${statusPort}/stub_status`)).text();
    expect(status).toMatch(/^Active connections: \d+/);
    expect(status).toMatch(/Reading: \d+ Writing: \d+ Waiting: \d+/);
  });
});
