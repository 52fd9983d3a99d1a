import SwaggerParser from '@apidevtools/swagger-parser';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { TestObjectStorage } from '../../support/object-storage';
import { startTestApp, type TestApp } from '../../support/test-app';
import { PASSWORD, signUp } from '../../support/users';
import { type JsonSchema, type KnownValues } from '../../support/openapi-fuzz/schema-arbitrary';
import {
  type AuthTokens,
  buildRequest,
  caseArbitrary,
  type FuzzCase,
  type FuzzOperation,
  operationsOf,
  SchemaValidator,
} from '../../support/openapi-fuzz/operations';

/** fast-check runs per operation (the acceptance bar is 200). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const ADMIN_EMAIL = 'fuzz-admin@example.com';
const ADMIN_PASSWORD = 'fuzz-admin-password-0123';

/**
 * Statuses the document states once for every operation (info.description): Node's HTTP parser answers
 * them before any route runs. 431 only for a request whose line and headers exceed the 16 KiB default.
 */
const HEADER_LIMIT_BYTES = 16 * 1024;

interface Outcome {
  requestBytes: number;
  status: number;
  contentType: string;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * Property-based fuzzing of the HTTP boundary, driven by the OpenAPI document
 * the app serves: for every operation, schema-valid and hostile requests
 * (huge, deep, wrongly typed, injection and prototype-pollution payloads,
 * unicode, wrong content types, bad ids and tokens). Properties: no 5xx, only
 * documented statuses, problem+json errors and 2xx bodies that match their
 * schemas, documented rate-limit headers present, no 2xx for a request the
 * document calls invalid or for missing credentials.
 */
describe('OpenAPI boundary fuzzer', () => {
  let t: TestApp;
  let s3: TestObjectStorage;
  let operations: FuzzOperation[];
  let problemSchema: JsonSchema;
  let tokens: AuthTokens;
  const known: KnownValues = { uuids: [], emails: [], passwords: [PASSWORD, ADMIN_PASSWORD] };
  const validator = new SchemaValidator();

  beforeAll(async () => {
    // Object storage up, as in production: image uploads, /media and invoices answer for real.
    s3 = await TestObjectStorage.start();
    t = await startTestApp({
      ...s3.env,
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      // Webhooks are verified (and refused) rather than switched off; no worker runs, so nothing is charged.
      PAYMENTS_ENABLED: 'true',
      // Thousands of requests from one client and one account must not be throttled or locked out here:
      // the limiter itself has its own tests. It stays enabled so its headers are checked against the document.
      RATE_LIMIT_MAX: '10000000',
      AUTH_RATE_LIMIT_MAX_PER_IP: '10000000',
      AUTH_RATE_LIMIT_MAX_PER_ACCOUNT: '10000000',
      LOGIN_LOCKOUT_THRESHOLD: '10000000',
    });
    const raw = (await t.http().get('/docs-json').expect(200)).body;
    const document = (await SwaggerParser.dereference(structuredClone(raw))) as unknown as Parameters<typeof operationsOf>[0] & {
      components: { schemas: Record<string, JsonSchema> };
    };
    operations = operationsOf(document);
    problemSchema = document.components.schemas.ProblemResponseSchema;

    // Real objects, so that generated ids sometimes hit something and success paths are fuzzed too.
    const user = await signUp(t);
    const adminLogin = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    tokens = { user: user.accessToken, admin: adminLogin.body.accessToken };
    known.emails.push(user.email, ADMIN_EMAIL);
    for (let i = 0; i < 2; i++) {
      const product = await t
        .http()
        .post('/api/v1/products')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({
          sku: `FUZZ-${i}-${randomUUID().slice(0, 8)}`,
          name: `Fuzz ${i}`,
          price: { amount: 1000, currency: 'USD' },
          stock: 1_000_000,
        })
        .expect(201);
      known.uuids.push(product.body.id);
    }
    const order = await t
      .http()
      .post('/api/v1/orders')
      .set('authorization', `Bearer ${tokens.user}`)
      .set('idempotency-key', randomUUID())
      .send({ items: [{ productId: known.uuids[0], quantity: 1 }], payment: { provider: 'stripe', method: 'pm_card_visa' } })
      .expect(201);
    known.uuids.push(order.body.id);
    const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${tokens.user}`).expect(200);
    known.uuids.push(me.body.id);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  /** Over the loopback network (Node's HTTP parser and its header limit included), raw bodies untouched. */
  const send = async (op: FuzzOperation, c: FuzzCase): Promise<Outcome> => {
    const request = buildRequest(op, c, tokens);
    const method = request.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t
      .http()
      [method](request.url)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    for (const [name, value] of Object.entries(request.headers)) req = req.set(name, value);
    if (request.payload !== undefined) req = req.send(request.payload);
    const res = await req;
    const requestBytes =
      Buffer.byteLength(request.url) +
      Object.entries(request.headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 0);
    return {
      requestBytes,
      status: res.status,
      contentType: String(res.headers['content-type'] ?? ''),
      headers: res.headers,
      body: res.body as string,
    };
  };

  /** Every property of one request/response pair; returns what is wrong, or nothing. */
  const violations = (op: FuzzOperation, c: FuzzCase, out: Outcome): string[] => {
    const wrong: string[] = [];
    const documented = op.responses[String(out.status)];
    const headerLimit = out.status === 431 && out.requestBytes > HEADER_LIMIT_BYTES - 1024;
    if (out.status >= 500) wrong.push(`server error ${out.status}`);
    if (!documented && !headerLimit) wrong.push(`undocumented status ${out.status} (documented: ${Object.keys(op.responses).join(', ')})`);
    const success = out.status >= 200 && out.status < 300;
    if (success && !validator.requestIsValid(op, c)) wrong.push('2xx for a request the document calls invalid');
    if (success && op.schemes.length > 0 && (c.auth === 'none' || c.auth === 'garbage')) wrong.push('2xx without valid credentials');
    if (success && op.schemes.includes('adminBearer') && c.auth === 'user') wrong.push('2xx for a customer on an admin operation');
    if (out.status >= 400) {
      if (!out.contentType.startsWith('application/problem+json')) wrong.push(`error without problem+json (${out.contentType})`);
      else {
        const body = JSON.parse(out.body) as { status?: number };
        const errors = validator.errors(problemSchema, body);
        if (errors) wrong.push(`problem body does not match ProblemResponseSchema: ${errors}`);
        if (body.status !== out.status) wrong.push(`problem status ${body.status} differs from ${out.status}`);
      }
    } else if (documented) {
      const schema = documented.content?.['application/json']?.schema;
      if (schema) {
        if (!out.contentType.startsWith('application/json')) wrong.push(`2xx without application/json (${out.contentType})`);
        else {
          const errors = validator.errors(schema, JSON.parse(out.body));
          if (errors) wrong.push(`response body does not match its schema: ${errors}`);
        }
      } else if (out.body.length > 0 && out.status !== 200) {
        wrong.push(`body on a response documented without one (${out.status})`);
      }
    }
    // The limiter's headers are on every response it let through, and Retry-After on its 429s.
    for (const header of Object.keys(documented?.headers ?? {})) {
      const expected = success ? header.startsWith('RateLimit-') : out.status === 429 && header === 'Retry-After';
      if (expected && out.headers[header.toLowerCase()] === undefined) wrong.push(`documented header ${header} missing`);
    }
    return wrong;
  };

  it('When the document is read, then every operation is fuzzed (none is skipped)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const op of operations)
      expect({ op: op.id, documented: Object.keys(op.responses).length > 0 }).toEqual({ op: op.id, documented: true });
  });

  it(`When every operation gets ${RUNS} schema-valid and hostile requests, then none gets a 5xx, an undocumented status or a body off its schema`, async () => {
    const report: string[] = [];
    const runs: Record<string, number> = {};
    const seen: Record<string, Record<number, number>> = {};
    for (const op of operations) {
      let count = 0;
      const result = await fc.check(
        fc.asyncProperty(caseArbitrary(op, known), async (c) => {
          count++;
          const out = await send(op, c);
          seen[op.id] ??= {};
          seen[op.id][out.status] = (seen[op.id][out.status] ?? 0) + 1;
          const wrong = violations(op, c, out);
          if (wrong.length > 0) {
            throw new Error(
              `${wrong.join('; ')}\n  request: ${JSON.stringify(buildRequest(op, c, tokens)).slice(0, 600)}\n  hostile: ${c.hostile.join(', ')}\n  response: ${out.status} ${out.body.slice(0, 400)}`,
            );
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      runs[op.id] = count;
      // fast-check 4 puts the property's own failure text in errorInstance.cause.
      if (result.failed) {
        const error = result.errorInstance as Error & { cause?: unknown };
        report.push(
          `${op.id} (seed ${result.seed}, run ${result.numRuns}):\n  ${String((error.cause as Error | undefined)?.message ?? error?.message)}`,
        );
      }
    }
    if (process.env.FUZZ_REPORT) process.stderr.write(`${JSON.stringify(seen, null, 1)}\n`);
    expect(report).toEqual([]);
    for (const op of operations) expect({ op: op.id, runs: runs[op.id] >= RUNS }).toEqual({ op: op.id, runs: true });
  }, 600_000);

  it('When the fuzzing is over, then the server is healthy, no prototype was polluted and a new account is still only a customer', async () => {
    await t.http().get('/health/ready').expect(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const fresh = await signUp(t);
    const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${fresh.accessToken}`).expect(200);
    expect(me.body.roles).toEqual(['customer']);
    await t.http().get('/api/v1/users').set('authorization', `Bearer ${fresh.accessToken}`).expect(403);
  });
});
