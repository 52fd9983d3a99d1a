import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Job } from 'bullmq';
import { type Browser, type BrowserContext } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { QueueConnection, QueueRegistry } from '@keel/messaging';
import { startTestApp, type TestApp } from '../../support/test-app';
import { signUp } from '../../support/users';

jest.setTimeout(120_000);

const ADMIN = { email: 'queue-browser-admin@example.com', password: 'queue browser admin password' };
const QUEUE = 'notifications';
const COOKIE = 'keel_admin_session';

/**
 * The queue dashboard in a real browser (issue 16 point 5): an admin signs in
 * once at /admin/login, gets a session cookie, and uses Bull Board at
 * /admin/queues normally (sees the queues, retries a dead-lettered job); a
 * page on another site cannot make that browser act on the dashboard; scripts
 * keep using bearer tokens. Headless Chromium (apt package `chromium`) driven
 * by playwright-core.
 */
describe('Queue dashboard in a browser, with an admin session cookie', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let attacker: Server;
  let attackerBase: string;
  let attackerPage = '';

  /** A job of the notifications queue that failed its only attempt: what the dashboard calls dead-lettered. */
  const deadLetteredJob = async (name: string): Promise<Job> => {
    const queue = t.app.get(QueueRegistry).get(QUEUE);
    const job = await queue.add(name, { reason: 'browser test' }, { attempts: 1 });
    const worker = t.app.get(QueueConnection).createWorker(
      QUEUE,
      async (running) => {
        if (running.id === job.id) throw new Error('delivery refused by the test');
      },
      { autorun: true },
    );
    try {
      for (let i = 0; i < 200 && (await job.getState()) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.close();
    }
    expect(await job.getState()).toBe('failed');
    return job;
  };

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    delete process.env.ADMIN_EMAIL;
    delete process.env.ADMIN_PASSWORD;
    // "localhost" is the admin's site; the attacker's page is on 127.0.0.1, another site for the browser.
    base = `http://localhost:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    attacker = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage));
    await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok));
    attackerBase = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchChromium();
    context = await browser.newContext();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => attacker?.close(done));
    await t?.close();
  });

  const adminToken = async () => (await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200)).body.accessToken as string;

  it('When an admin opens /admin/queues and signs in, then the cookie is HttpOnly, Secure, SameSite=Strict for ≤ 30 min and the queues are shown', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/admin/queues`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('#email', ADMIN.email);
    await page.fill('#password', ADMIN.password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${base}/admin/queues`);

    const [cookie] = (await context.cookies(`${base}/admin/queues`)).filter((c) => c.name === COOKIE);
    expect(cookie).toMatchObject({ path: '/admin', httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(cookie.expires - Date.now() / 1000).toBeLessThanOrEqual(30 * 60);
    expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(25 * 60);
    // Page scripts cannot read it.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie)).not.toContain(COOKIE);

    for (const queue of ['inventory', 'notifications', 'orders', 'payments']) {
      await page.getByText(queue, { exact: true }).first().waitFor();
    }
    await page.close();
  });

  it('When the admin retries a dead-lettered job from the dashboard, then the job leaves the failed set', async () => {
    const job = await deadLetteredJob('retry-me');
    const page = await context.newPage();
    await page.goto(`${base}/admin/queues/queue/${QUEUE}?status=failed`);
    await page.getByText('retry-me').first().waitFor();
    // The job card's action buttons are icons: the one whose confirmation speaks of retrying is Retry.
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    // Those after the queue's own "Clean all": the job card's (the header's and sidebar's come before it).
    const actions = page.locator(`xpath=//button[normalize-space()='Clean all']/following::button[.//*[local-name()='svg']]`);
    let retried = false;
    for (let i = 0; i < (await actions.count()) && !retried; i++) {
      await actions
        .nth(i)
        .click({ timeout: 2000 })
        .catch(() => undefined);
      // The confirmation opens with an animation: give it a moment.
      if (
        !(await dialog.waitFor({ timeout: 1000 }).then(
          () => true,
          () => false,
        ))
      )
        continue;
      if (/retry this job/i.test(await dialog.innerText())) {
        await dialog.getByRole('button', { name: 'Confirm' }).click();
        retried = true;
      } else {
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached', timeout: 2000 }).catch(() => undefined);
      }
    }
    expect(retried).toBe(true);
    for (let i = 0; i < 100 && (await job.getState()) === 'failed'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await job.getState()).toBe('waiting');
    await page.close();
  });

  it('When a page on another site posts a form to the dashboard’s retry and add actions, then both are refused and nothing changes', async () => {
    const job = await deadLetteredJob('not-yours');
    const queue = t.app.get(QueueRegistry).get(QUEUE);
    const before = await queue.getJobCountByTypes('waiting', 'failed', 'delayed', 'active');
    const statuses: number[] = [];
    for (const action of [`${job.id}/retry`, 'add']) {
      attackerPage = `<!doctype html><form id="f" method="POST" action="${base}/admin/queues/api/queues/${QUEUE}/${action}">
        <input name="name" value="pwned"><input name="data" value="{}"></form><script>document.getElementById('f').submit()</script>`;
      const page = await context.newPage();
      const response = page.waitForResponse((r) => r.url().startsWith(`${base}/admin/queues/api/`));
      await page.goto(`${attackerBase}/`);
      statuses.push((await response).status());
      await page.close();
    }
    // SameSite=Strict: the browser sent no cookie, so no session; the Origin check would refuse it anyway.
    for (const status of statuses) expect([401, 403, 404]).toContain(status);
    expect(await job.getState()).toBe('failed');
    expect(await queue.getJobCountByTypes('waiting', 'failed', 'delayed', 'active')).toBe(before);
  });

  describe('over plain HTTP', () => {
    const sessionCookie = async (): Promise<string> => {
      const res = await t
        .http()
        .post('/api/v1/admin/session')
        .set('authorization', `Bearer ${await adminToken()}`)
        .expect(204);
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      expect(setCookie).toHaveLength(1);
      expect(setCookie[0]).toMatch(
        /^keel_admin_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/admin; Max-Age=1800; HttpOnly; Secure; SameSite=Strict$/,
      );
      return setCookie[0].split(';')[0];
    };
    const ownOrigin = () => `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

    it('When a customer or nobody asks for a session, then 403 / 401 and no cookie', async () => {
      const { accessToken } = await signUp(t);
      const denied = await t.http().post('/api/v1/admin/session').set('authorization', `Bearer ${accessToken}`).expect(403);
      expect(denied.headers['set-cookie']).toBeUndefined();
      await t.http().post('/api/v1/admin/session').expect(401);
    });

    it('When a write carries the session cookie from another origin or from none, then 403; from the dashboard’s own origin, it runs', async () => {
      const cookie = await sessionCookie();
      const job = await deadLetteredJob('csrf-check');
      const retry = `/admin/queues/api/queues/${QUEUE}/${job.id}/retry`;
      const evil = await t.http().put(retry).set('cookie', cookie).set('origin', 'https://evil.example').expect(403);
      expect(evil.headers['content-type']).toMatch(/problem\+json/);
      await t.http().put(retry).set('cookie', cookie).expect(403);
      expect(await job.getState()).toBe('failed');
      // Reads need no Origin (a GET changes nothing).
      await t.http().get('/admin/queues/api/queues').set('cookie', cookie).expect(200);
      await t.http().put(retry).set('cookie', cookie).set('origin', ownOrigin()).expect(204);
      expect(await job.getState()).toBe('waiting');
    });

    it('When a script uses a bearer token, then it works with no cookie and no Origin, as before', async () => {
      const job = await deadLetteredJob('script-retry');
      await t
        .http()
        .put(`/admin/queues/api/queues/${QUEUE}/${job.id}/retry`)
        .set('authorization', `Bearer ${await adminToken()}`)
        .expect(204);
      expect(await job.getState()).toBe('waiting');
    });

    it('When the cookie is forged, or used as a bearer token on the API, then 401', async () => {
      const cookie = await sessionCookie();
      await t.http().get('/admin/queues/api/queues').set('cookie', `${cookie}x`).expect(401);
      await t.http().get('/admin/queues/api/queues').set('cookie', `${COOKIE}=not-a-token`).expect(401);
      const sessionToken = cookie.split('=')[1];
      await t.http().get('/api/v1/admin/audit-events').set('authorization', `Bearer ${sessionToken}`).expect(401);
    });

    it('When a browser without a session opens the dashboard, then it is sent to the sign-in page; an API client gets 401', async () => {
      const page = await t.http().get('/admin/queues').set('accept', 'text/html').expect(303);
      expect(page.headers.location).toBe('/admin/login');
      await t.http().get('/admin/queues/api/queues').expect(401);
      const login = await t.http().get('/admin/login').expect(200);
      expect(login.text).toContain('<form id="login"');
      expect(login.headers['content-security-policy']).toContain("script-src 'self'");
    });
  });
});
