import { startTestApp, TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

const ALLOWED = 'https://shop.example.com';
const OTHER = 'https://evil.example.net';

const preflight = (t: TestApp, origin: string) =>
  t
    .http()
    .options('/api/v1/auth/login')
    .set('origin', origin)
    .set('access-control-request-method', 'POST')
    .set('access-control-request-headers', 'content-type,authorization');

describe('HTTP hardening', () => {
  describe('defaults (no CORS origins, no trusted proxy)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('When any response is sent, then helmet headers are on it and HSTS is not (plain HTTP)', async () => {
      const res = await t.http().get('/api/v1/products').expect(200);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
      });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('When X-Forwarded-Proto says https but no proxy is trusted, then no HSTS is sent', async () => {
      const res = await t.http().get('/health/live').set('x-forwarded-proto', 'https').expect(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('When /docs is loaded, then its CSP allows only same-origin scripts, the page has no inline script, and every script and stylesheet it references loads', async () => {
      const page = await t.http().get('/docs').redirects(1).expect(200);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).not.toContain('upgrade-insecure-requests');

      const html = page.text;
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        // Inline code would be blocked by script-src 'self': every script must be a file.
        expect(attributes).toMatch(/src=/);
        expect(body.trim()).toBe('');
      }
      const assets = [...html.matchAll(/(?:src|href)=['"]([^'"]+\.(?:js|css))['"]/g)].map((m) => m[1]);
      expect(assets).toEqual(
        expect.arrayContaining([expect.stringMatching(/swagger-ui-init\.js$/), expect.stringMatching(/swagger-ui\.css$/)]),
      );
      for (const asset of assets) {
        expect(asset).not.toMatch(/^https?:/); // same origin only
        const url = new URL(asset, 'http://x/docs').pathname; // resolved like a browser on /docs
        await t.http().get(url).expect(200);
      }
    });

    it('When a browser preflights from any origin, then no CORS permission is granted', async () => {
      const res = await preflight(t, ALLOWED);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('When /metrics is requested on the public port, then 404 (it lives on METRICS_PORT only)', async () => {
      const res = await t.http().get('/metrics').expect(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    it('When admin surfaces are called without a token or with a customer token, then 401 / 403', async () => {
      for (const path of ['/admin/queues', '/admin/queues/api/queues', '/api/v1/users', '/api/v1/admin/feature-flags']) {
        const res = await t.http().get(path).expect(401);
        expect(res.headers['content-type']).toMatch(/problem\+json/);
      }
      const flagChange = { value: false };
      await t.http().put('/api/v1/admin/feature-flags/payments.stripe.enabled').send(flagChange).expect(401);
      const { accessToken } = await signUp(t);
      for (const path of ['/admin/queues/api/queues', '/api/v1/users', '/api/v1/admin/feature-flags']) {
        await t.http().get(path).set('authorization', `Bearer ${accessToken}`).expect(403);
      }
      await t
        .http()
        .put('/api/v1/admin/feature-flags/payments.stripe.enabled')
        .set('authorization', `Bearer ${accessToken}`)
        .send(flagChange)
        .expect(403);
    });
  });

  describe('with CORS_ORIGINS and a trusted proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: `${ALLOWED},https://admin.example.com`, TRUSTED_PROXIES: '127.0.0.1' });
    });
    afterAll(() => t.close());

    it('When an allowed origin preflights, then it may POST with Authorization and Content-Type', async () => {
      const res = await preflight(t, ALLOWED).expect(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-allow-methods']).toContain('POST');
      expect(res.headers['access-control-allow-headers']).toMatch(/authorization/);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('When another origin preflights or calls, then it gets no CORS permission', async () => {
      const pre = await preflight(t, OTHER);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const res = await t.http().get('/api/v1/products').set('origin', OTHER).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('When an allowed origin calls, then the response names it and exposes the request id and rate-limit headers', async () => {
      const res = await t.http().get('/api/v1/products').set('origin', ALLOWED).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-expose-headers']).toMatch(/x-request-id/);
      expect(res.headers['access-control-expose-headers']).toMatch(/ratelimit-remaining/);
    });

    it('When the trusted proxy says the request came over https, then HSTS is sent; over http, not', async () => {
      const https = await t.http().get('/health/live').set('x-forwarded-proto', 'https').expect(200);
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const http = await t.http().get('/health/live').set('x-forwarded-proto', 'http').expect(200);
      expect(http.headers['strict-transport-security']).toBeUndefined();
    });
  });
});
