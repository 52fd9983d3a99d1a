import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../support/test-app';
import { signUp, uniqueEmail } from '../../support/users';
import { deepJson } from '../../support/openapi-fuzz/hostile';

/** One raw HTTP/1.1 exchange, so header sizes and bodies are exactly what the test says. */
function rawRequest(port: number, options: { method: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const PROBLEM = /^application\/problem\+json/;

/**
 * The boundary limits the fuzzer relies on, each proved on its own: body size
 * (413), JSON depth and prototype-pollution keys (400), request header size
 * (431, from Node's parser, still problem+json), JSON only (415) and
 * overlong ids (400, not Fastify's 414).
 */
describe('HTTP boundary limits', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({
      HTTP_BODY_LIMIT_BYTES: '4096',
      HTTP_JSON_MAX_DEPTH: '8',
      HTTP_MAX_HEADER_BYTES: '8192',
      PUBLIC_BASE_URL: 'https://api.example.com',
    });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t?.close());

  const register = (body: string, contentType = 'application/json') =>
    t.http().post('/api/v1/auth/register').set('content-type', contentType).send(body);

  it('When PUBLIC_BASE_URL is set, then the document lists it first, then the relative server, and never plain http', async () => {
    const doc = (await t.http().get('/docs-json').expect(200)).body;
    expect(doc.servers.map((s: { url: string }) => s.url)).toEqual(['https://api.example.com', '/']);
    expect(doc.servers.every((s: { 'x-internal': boolean }) => s['x-internal'] === false)).toBe(true);
  });

  it('When a body is larger than HTTP_BODY_LIMIT_BYTES, then it is a 413 problem and no user is created', async () => {
    const email = uniqueEmail('big');
    const res = await register(JSON.stringify({ email, password: 'correct horse battery staple', name: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM identity.users WHERE email = $1`, [email]);
    expect(count).toBe(0);
  });

  it('When a JSON body nests deeper than HTTP_JSON_MAX_DEPTH, then it is a 400 problem naming the limit', async () => {
    for (const kind of ['array', 'object'] as const) {
      const res = await register(deepJson(9, kind));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.detail).toBe('The JSON body is nested deeper than 8 levels.');
    }
  });

  it('When a body nests exactly HTTP_JSON_MAX_DEPTH levels, and brackets inside strings do not count, then it is parsed normally', async () => {
    const email = uniqueEmail('depth');
    const res = await register(JSON.stringify({ email, password: 'correct horse battery staple', name: '[[[[[[[[[[{{{{{{{{{{' }));
    expect(res.status).toBe(202);
    // Depth 8 exactly reaches the validation pipe (which refuses the unknown property), not the parser.
    const deep = await register(`{"email":"a@b.co","password":"correct horse battery staple","name":"n","x":${deepJson(7, 'array')}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toBe('The request is invalid; see errors for each field.');
  });

  it('When a body carries __proto__ or constructor.prototype keys, then it is a 400 problem and nothing is polluted', async () => {
    for (const body of [
      `{"__proto__":{"isAdmin":true},"email":"${uniqueEmail('proto')}","password":"correct horse battery staple","name":"p"}`,
      `{"constructor":{"prototype":{"isAdmin":true}},"email":"${uniqueEmail('ctor')}","password":"correct horse battery staple","name":"p"}`,
    ]) {
      const res = await register(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.detail).toBe('The JSON body must not contain "__proto__" or "constructor.prototype" keys.');
    }
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('When a JSON string carries NUL or an unpaired surrogate, or a URL a NUL, then it is a 400 problem (PostgreSQL cannot store them)', async () => {
    const body = await register(JSON.stringify({ email: uniqueEmail('nul'), password: 'correct horse battery staple', name: 'a\u0000b' }));
    expect(body.status).toBe(400);
    expect(body.headers['content-type']).toMatch(PROBLEM);
    expect(body.body.detail).toBe('The JSON body must not contain NUL characters or unpaired UTF-16 surrogates.');
    const surrogate = await register(`{"email":"${uniqueEmail('s')}","password":"correct horse battery staple","name":"co\\udfff\\ud800"}`);
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.detail).toBe('The JSON body must not contain NUL characters or unpaired UTF-16 surrogates.');
    const query = await t.http().get('/api/v1/products?q=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.detail).toBe('The URL must not contain NUL (%00) characters.');
  });

  it('When the request headers exceed HTTP_MAX_HEADER_BYTES, then Node answers a 431 problem and closes the connection', async () => {
    const res = await rawRequest(port, { method: 'GET', path: '/api/v1/products', headers: { 'x-padding': 'a'.repeat(10_000) } });
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, type: 'https://keel.dev/problems/headers-too-large' });
    // Just under the limit is served.
    const ok = await rawRequest(port, { method: 'GET', path: '/api/v1/products', headers: { 'x-padding': 'a'.repeat(6_000) } });
    expect(ok.status).toBe(200);
  });

  it('When a URL is longer than the header limit allows, then it is a 431 problem too', async () => {
    const res = await rawRequest(port, { method: 'GET', path: `/api/v1/products?q=${'a'.repeat(9_000)}` });
    expect(res.status).toBe(431);
  });

  it('When an id is very long or malformed, then it is a 400 problem (never 414, never a 500)', async () => {
    for (const id of ['a'.repeat(3_000), '%E0%A4%A', '%ED%A0%80']) {
      const res = await rawRequest(port, { method: 'GET', path: `/api/v1/products/${id}` });
      expect({ id: id.slice(0, 12), status: res.status }).toEqual({ id: id.slice(0, 12), status: 400 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('When a body is not JSON (form, text, XML), then it is a 415 problem', async () => {
    const { accessToken } = await signUp(t);
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'application/xml']) {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('authorization', `Bearer ${accessToken}`)
        .set('content-type', contentType)
        .send('email=a%40b.co&password=x');
      expect({ contentType, status: res.status }).toEqual({ contentType, status: 415 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('When a top-level array of thousands of elements is sent to a DTO, then the 400 lists at most 100 field errors', async () => {
    const res = await register(`[${'1,'.repeat(1_000)}1]`);
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeLessThanOrEqual(100);
  });
});
