import { type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { freePort } from '../../support/processes';
import { startTestApp, type TestApp } from '../../support/test-app';
import { PASSWORD, uniqueEmail } from '../../support/users';

const NEW_PASSWORD = 'a password chosen in the browser';

/**
 * The newcomer's path, in a real headless Chromium: with no SMTP_URL the worker
 * puts the emails in the development mailbox; /dev/mailbox lists them, newest
 * first, with clickable links; the links lead to pages that verify the address
 * and reset the password. PUBLIC_URL is left at its default, the API's own
 * address (http://localhost:PORT).
 */
describe('Development mailbox in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    t = await startTestApp({ PORT: String(port) }, { worker: true, port });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    delete process.env.PORT;
    await browser?.close();
    await t?.close();
  });

  const register = async (email: string) => {
    await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Browser User' }).expect(202);
    await t.waitForQuiet();
  };
  const login = (email: string, password = PASSWORD) => t.http().post('/api/v1/auth/login').send({ email, password });

  it('When a newcomer registers, then /dev/mailbox shows the emails newest first and the verification link verifies the address from the browser', async () => {
    const older = uniqueEmail('older');
    const email = uniqueEmail('browser');
    await register(older);
    await register(email);

    const response = await page.goto(`${base}/dev/mailbox`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    await expect(page.title()).resolves.toBe('Keel development mailbox');
    const recipients = await page.locator('article .meta strong').allTextContents();
    expect(recipients.indexOf(email)).toBeGreaterThanOrEqual(0);
    expect(recipients.indexOf(email)).toBeLessThan(recipients.indexOf(older));

    const article = page.locator('article', { hasText: email });
    await expect(article.locator('h2').textContent()).resolves.toBe('Confirm your email address for Keel');
    const link = article.locator('ul.links a');
    await expect(link.getAttribute('href')).resolves.toMatch(new RegExp(`^${base}/verify-email\\?token=[A-Za-z0-9_-]{43}$`));
    await link.click();
    await page.waitForURL(/\/verify-email\?token=/);
    // Opening the link changes nothing (mail scanners prefetch links); the click does.
    const session = (await login(email).expect(200)).body;
    const me = () => t.http().get('/api/v1/users/me').set('authorization', `Bearer ${session.accessToken}`).expect(200);
    expect((await me()).body.emailVerified).toBe(false);

    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.locator('#result', { hasText: 'is confirmed' }).waitFor();
    expect((await me()).body.emailVerified).toBe(true);

    // The same link again: the page reports the API's 400 detail.
    await page.reload();
    await page.getByRole('button', { name: 'Confirm my email address' }).click();
    await page.locator('#result', { hasText: 'already used' }).waitFor();
  });

  it('When a password reset is asked, then its link opens a page that sets the new password from the browser', async () => {
    const email = uniqueEmail('reset');
    await register(email);
    await t.http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
    await t.waitForQuiet();

    await page.goto(`${base}/dev/mailbox`);
    const newest = page.locator('article').first();
    await expect(newest.locator('h2').textContent()).resolves.toBe('Reset your Keel password');
    await expect(newest.locator('.meta strong').textContent()).resolves.toBe(email);
    await newest.locator('ul.links a').click();
    await page.waitForURL(/\/reset-password\?token=/);

    await page.locator('#newPassword').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.locator('#result', { hasText: 'password is changed' }).waitFor();
    await login(email).expect(401);
    await login(email, NEW_PASSWORD).expect(200);

    // A second use of the same link: the page shows why it failed.
    await page.reload();
    await page.locator('#newPassword').fill('yet another browser password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.locator('#result', { hasText: 'already used' }).waitFor();
    await login(email, NEW_PASSWORD).expect(200);
  });
});

describe('Development mailbox in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Production requires SMTP_URL; this app runs no worker, so nothing is ever sent there.
    t = await startTestApp({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' });
  });
  afterAll(() => t?.close());

  it('When NODE_ENV=production, then /dev/mailbox is a 404 like any unknown route, while the account link pages still work', async () => {
    const res = await t.http().get('/dev/mailbox').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.text).not.toContain('mailbox</');
    const page = await t.http().get('/verify-email?token=abc').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).not.toContain('abc');
    await t
      .http()
      .get('/account-pages.js')
      .expect(200)
      .expect('content-type', /javascript/);
  });
});
