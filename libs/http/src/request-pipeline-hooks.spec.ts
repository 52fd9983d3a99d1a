import Fastify from 'fastify';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Writable } from 'node:stream';
import { ClsService } from 'nestjs-cls';
import pino from 'pino';
import { REDACTED_PATHS, requestIdMixin } from '@keel/kernel';
import { logAccess } from './access-log.hook';
import { enterRequestContext } from './request-context.hook';
import { requestIdFor } from './request-id';

/** The request context and the access log as Fastify hooks (issue 13), on a bare Fastify. */
describe('Request pipeline hooks', () => {
  const lines: Array<Record<string, unknown>> = [];
  const cls = new ClsService(new AsyncLocalStorage());
  const logger = pino(
    { mixin: requestIdMixin(cls), redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' } },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(
          ...chunk
            .toString('utf8')
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
        done();
      },
    }),
  );
  const app = Fastify({ genReqId: requestIdFor });
  enterRequestContext(app, cls);
  logAccess(app, logger);
  app.get('/things/:id', async () => {
    // A line the handler writes after an await, as application code does.
    await new Promise((resolve) => setImmediate(resolve));
    logger.info({ password: 'hunter2' }, 'handler line');
    return { ok: true };
  });
  app.post('/things', async (request) => {
    logger.info('after the body was parsed');
    return request.body;
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));

  let base = '';
  // Over a real socket (light-my-request's inject does not load under jest).
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  beforeAll(async () => {
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  beforeEach(() => lines.splice(0));
  afterAll(() => app.close());
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it("When a request is served, then the handler's lines and one access line carry its request id, and the response its header", async () => {
    const res = await call('GET', '/things/1?token=secret-link&x=1', { 'x-request-id': 'client-req-0001' });
    await settle();
    expect(res.headers.get('x-request-id')).toBe('client-req-0001');
    const handler = lines.find((l) => l.msg === 'handler line');
    expect(handler).toMatchObject({ requestId: 'client-req-0001', password: '[REDACTED]' });
    const access = lines.filter((l) => l.msg === 'request completed');
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      requestId: 'client-req-0001',
      req: { id: 'client-req-0001', method: 'GET', url: '/things/1?token=[REDACTED]&x=1' },
      res: { statusCode: 200 },
    });
    expect(typeof access[0].responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('secret-link');
  });

  it('When a request has a body, then the context survives the body parser', async () => {
    await call('POST', '/things', { 'x-request-id': 'client-req-0002' }, { a: 1 });
    await settle();
    expect(lines.find((l) => l.msg === 'after the body was parsed')).toMatchObject({ requestId: 'client-req-0002' });
  });

  it('When concurrent requests interleave, then each line has its own request id', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `concurrent-${String(i).padStart(4, '0')}`);
    await Promise.all(ids.map((id) => call('GET', '/things/2', { 'x-request-id': id }).then((r) => r.text())));
    await settle();
    const handlerIds = lines.filter((l) => l.msg === 'handler line').map((l) => l.requestId);
    const accessIds = lines.filter((l) => l.msg === 'request completed').map((l) => (l.req as { id: string }).id);
    expect([...handlerIds].sort()).toEqual([...ids].sort());
    expect(lines.filter((l) => l.msg === 'request completed').every((l) => l.requestId === (l.req as { id: string }).id)).toBe(true);
    expect([...accessIds].sort()).toEqual([...ids].sort());
  });

  it('When a probe is served, then it writes no access line; outside a request no line has a request id', async () => {
    await (await call('GET', '/health/ready')).text();
    logger.info('outside');
    await settle();
    expect(lines.filter((l) => l.msg === 'request completed')).toHaveLength(0);
    expect(lines.find((l) => l.msg === 'outside')).not.toHaveProperty('requestId');
  });
});
