import { ReadinessRegistry } from '@keel/kernel';
import { startTestApp, TestApp } from '../../support/test-app';
import { uniqueEmail } from '../../support/users';

/** Cross-cutting HTTP behaviour every route gets from the platform. */
describe('HTTP platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HTTP_BODY_LIMIT_BYTES: '4096' });
  });
  afterAll(() => t.close());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(
      expect.objectContaining({
        type: expect.stringMatching(/^https:\/\/keel\.dev\/problems\//),
        title: expect.any(String),
        status,
        detail: expect.any(String),
        instance: expect.any(String),
        requestId: res.headers['x-request-id'],
      }),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/node_modules|at \w+ \(|\.ts:\d+/);
  };

  const register = () => t.http().post('/api/v1/auth/register');

  it('When the JSON is malformed, then 400 problem+json', async () => {
    const res = await register().set('content-type', 'application/json').send('{"email": ');
    expectProblem(res, 400);
  });

  it('When the body has unknown fields, then 400 lists them', async () => {
    const res = await register().send({ email: uniqueEmail(), password: 'long enough password', name: 'A', isAdmin: true });
    expectProblem(res, 400);
    expect(res.body.errors).toContainEqual({ field: 'isAdmin', message: expect.stringContaining('should not exist') });
  });

  it('When fields have the wrong types, then 400 lists every bad field', async () => {
    const res = await register().send({ email: 42, password: ['x'], name: { a: 1 } });
    expectProblem(res, 400);
    const fields = new Set((res.body.errors as Array<{ field: string }>).map((e) => e.field));
    expect([...fields].sort()).toEqual(['email', 'name', 'password']);
  });

  it('When the body is not an object (array, null, string), then 400', async () => {
    for (const body of ['[]', 'null', '"x"', '42']) {
      const res = await register().set('content-type', 'application/json').send(body);
      expectProblem(res, 400);
    }
  });

  it('When prototype-pollution keys are sent, then 400 and nothing is polluted', async () => {
    const res = await register()
      .set('content-type', 'application/json')
      .send('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    expect([400]).toContain(res.status);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('When the body exceeds the limit, then 413 problem+json', async () => {
    const res = await register().send({ email: uniqueEmail(), password: 'x'.repeat(10_000), name: 'A' });
    expectProblem(res, 413);
  });

  it('When the content type is not JSON, then 415 problem+json', async () => {
    const res = await register().set('content-type', 'text/plain').send('hello');
    expectProblem(res, 415);
  });

  it('When the route does not exist, then 404 problem+json', async () => {
    expectProblem(await t.http().get('/api/v1/nope'), 404);
    expectProblem(await t.http().delete('/api/v1/auth/login'), 404);
  });

  it('When a well-formed X-Request-Id is sent, then it is echoed on the response and in problems', async () => {
    const res = await t.http().get('/api/v1/nope').set('x-request-id', 'client-req-0001');
    expect(res.headers['x-request-id']).toBe('client-req-0001');
    expect(res.body.requestId).toBe('client-req-0001');
  });

  it('When X-Request-Id is missing or malformed, then a UUID is generated', async () => {
    for (const header of [undefined, 'bad id with spaces', 'x'.repeat(500), '<script>']) {
      const req = t.http().get('/health/live');
      if (header) req.set('x-request-id', header);
      const res = await req.expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });

  it('When health is probed, then live and ready are 200 outside /api/v1', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('When a dependency is down, then readiness is a 503 problem naming the failing check, and liveness stays 200', async () => {
    const registry = t.app.get(ReadinessRegistry);
    registry.register('probe', async () => ({ probe: { status: 'down' as const } }));
    try {
      const res = await t.http().get('/health/ready');
      expectProblem(res, 503);
      // Storage is listed too (non-critical: it alone never makes the answer a 503).
      expect(res.body.checks).toEqual({ database: 'up', queues: 'up', storage: 'up', probe: 'down' });
      await t.http().get('/health/live').expect(200);
    } finally {
      registry.register('probe', async () => ({ probe: { status: 'up' as const } }));
    }
  });

  describe('OpenAPI document', () => {
    let doc: {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown }>>;
      components: { securitySchemes: Record<string, { scheme: string }>; schemas: Record<string, unknown> };
    };
    beforeAll(async () => {
      doc = (await t.http().get('/docs-json').expect(200)).body;
    });

    it('When /docs-json is read, then every contract route of identity is described under /api/v1', () => {
      for (const path of [
        '/api/v1/auth/register',
        '/api/v1/auth/login',
        '/api/v1/auth/refresh',
        '/api/v1/auth/logout',
        '/api/v1/auth/verify-email',
        '/api/v1/auth/verify-email/resend',
        '/api/v1/auth/password-reset',
        '/api/v1/auth/password-reset/confirm',
        '/api/v1/users/me',
      ]) {
        expect(doc.paths[path]).toBeDefined();
      }
      expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
      expect(doc.components.schemas.ProblemResponseSchema).toBeDefined();
    });

    it('When an operation is under /api/v1, then it documents a success, a 500 problem, and 400 if it takes a body', () => {
      for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1'))) {
        for (const [method, op] of Object.entries(ops)) {
          const statuses = Object.keys(op.responses);
          // A redirect is the success of a download operation (GET /orders/{id}/invoice answers 302).
          expect({ path, method, ok: statuses.some((s) => /^(2\d\d|30[237])$/.test(s)) }).toEqual({ path, method, ok: true });
          expect(statuses).toContain('500');
          if (op.requestBody) expect(statuses).toContain('400');
          // Bearer tokens get 401 when missing or bad; webhook signatures get the contract's 400 instead.
          const bearer = (op.security ?? []).some((requirement) =>
            ['bearer', 'adminBearer'].some((name) => name in (requirement as object)),
          );
          if (bearer) expect(statuses).toContain('401');
        }
      }
    });

    it('When /docs is opened, then Swagger UI HTML is served', async () => {
      const res = await t.http().get('/docs').redirects(1).expect(200);
      expect(res.text).toContain('swagger-ui');
    });
  });
});
