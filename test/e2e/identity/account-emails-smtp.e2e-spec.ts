import { decodeMail, linkTokenIn, SmtpSink, subjectOf } from '../../support/smtp-sink';
import { PASSWORD, signUpUnverified, uniqueEmail } from '../../support/users';
import { bearer, createProduct, newKey, type OrdersTestApp, startOrdersApp, validBody } from '../orders/orders-fixtures';

const PUBLIC_URL = 'https://shop.example.com/account';
const NEW_PASSWORD = 'a completely new passphrase';

/**
 * Issue 15 acceptance, with the real worker sending through a real SMTP server
 * (smtp-server on a local port): register → verification email → verify → order;
 * register again → "you already have an account"; reset → email → confirm.
 */
describe('Account emails over SMTP (registration, verification, password reset)', () => {
  let t: OrdersTestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = PUBLIC_URL;
    t = await startOrdersApp({ worker: true });
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    delete process.env.PUBLIC_URL;
    await t?.close();
    await smtp?.stop();
  });

  const register = (email: string, password = PASSWORD, name = 'Ada Lovelace') =>
    t.http().post('/api/v1/auth/register').send({ email, password, name }).expect(202, { status: 'verification-sent' });
  const login = (email: string, password = PASSWORD) => t.http().post('/api/v1/auth/login').send({ email, password });
  const order = (token: string, productId: string) =>
    t
      .http()
      .post('/api/v1/orders')
      .set(bearer(token))
      .set('Idempotency-Key', newKey())
      .send(validBody([{ id: productId }]));

  it('When a customer registers, then the verification email arrives, an unverified account cannot order, and after verifying it can', async () => {
    const email = uniqueEmail('verify');
    await register(email, PASSWORD, 'Visit www.evil.example now');
    const [mail] = await smtp.waitFor(email);
    expect(subjectOf(mail.raw)).toBe('Confirm your email address for Keel');
    // No user-supplied text in the email: the name never reaches the inbox (nor becomes a link there).
    expect(decodeMail(mail.raw)).not.toContain('evil.example');
    const token = linkTokenIn(mail.raw, PUBLIC_URL, 'verify-email');

    const session = (await login(email).expect(200)).body;
    const me = await t.http().get('/api/v1/users/me').set(bearer(session.accessToken)).expect(200);
    expect(me.body.emailVerified).toBe(false);
    const product = await createProduct(t);
    const refused = await order(session.accessToken, product.id).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 403, type: expect.stringContaining('email-not-verified') });
    const [{ count: ordersBefore }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM orders.orders WHERE user_id = $1`, [
      me.body.id,
    ]);
    expect(ordersBefore).toBe(0);

    await t.http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
    const again = await t.http().post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(again.body).toMatchObject({ status: 400, type: expect.stringContaining('invalid-token') });

    expect((await t.http().get('/api/v1/users/me').set(bearer(session.accessToken)).expect(200)).body.emailVerified).toBe(true);
    await order(session.accessToken, product.id).expect(201);
    await t.waitForQuiet();
    // Now verified, the customer gets their order email.
    const mails = smtp.to(email).map((m) => subjectOf(m.raw));
    expect(mails).toEqual(['Confirm your email address for Keel', expect.stringMatching(/is confirmed/)]);
  });

  it('When a taken address registers again, then the same 202, the owner gets a "you already have an account" email with a working reset link, and the account is unchanged', async () => {
    const email = uniqueEmail('taken');
    await register(email);
    await smtp.waitFor(email);

    await register(email.toUpperCase(), 'the intruder password', 'Mallory');
    const mails = await smtp.waitFor(email, 2);
    expect(subjectOf(mails[1].raw)).toBe('You already have a Keel account');
    expect(decodeMail(mails[1].raw)).not.toContain('Mallory');
    await login(email, 'the intruder password').expect(401);
    await login(email).expect(200);

    const token = linkTokenIn(mails[1].raw, PUBLIC_URL, 'reset-password');
    await t.http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(204);
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('When a password is reset, then the email carries a 30-minute link; confirming ends every session, the old password is refused, the new one works, and the token is single-use', async () => {
    const email = uniqueEmail('reset');
    await register(email);
    await smtp.waitFor(email);
    const first = (await login(email).expect(200)).body;
    const second = (await login(email).expect(200)).body;

    await t.http().post('/api/v1/auth/password-reset').send({ email }).expect(202, { status: 'accepted' });
    const mails = await smtp.waitFor(email, 2);
    expect(subjectOf(mails[1].raw)).toBe('Reset your Keel password');
    expect(decodeMail(mails[1].raw)).toContain('30 minutes');
    const token = linkTokenIn(mails[1].raw, PUBLIC_URL, 'reset-password');
    const [row] = await t.dataSource.query(
      `SELECT extract(epoch FROM expires_at - created_at)::int AS ttl, token_hash FROM identity.account_tokens
        WHERE purpose = 'password-reset' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row.ttl).toBe(30 * 60);
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM identity.account_tokens`))).not.toContain(token);

    await t.http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(204);

    await login(email).expect(401);
    await login(email, NEW_PASSWORD).expect(200);
    for (const session of [first, second]) {
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    }
    // The link reached the owner's mailbox: that verifies the address too.
    const fresh = (await login(email, NEW_PASSWORD).expect(200)).body;
    expect((await t.http().get('/api/v1/users/me').set(bearer(fresh.accessToken)).expect(200)).body.emailVerified).toBe(true);

    const reused = await t
      .http()
      .post('/api/v1/auth/password-reset/confirm')
      .send({ token, newPassword: 'yet another passphrase' })
      .expect(400);
    expect(reused.body).toMatchObject({ status: 400, type: expect.stringContaining('invalid-token') });
    await login(email, NEW_PASSWORD).expect(200);
  });

  it('When a reset or a resend is asked for an unknown address, then the same 202 and no email; a resend for an unverified account sends a new link', async () => {
    const unknown = uniqueEmail('nobody');
    await t.http().post('/api/v1/auth/password-reset').send({ email: unknown }).expect(202, { status: 'accepted' });
    await t.http().post('/api/v1/auth/verify-email/resend').send({ email: unknown }).expect(202, { status: 'accepted' });

    const email = uniqueEmail('resend');
    await register(email);
    await smtp.waitFor(email);
    await t.http().post('/api/v1/auth/verify-email/resend').send({ email }).expect(202, { status: 'accepted' });
    const mails = await smtp.waitFor(email, 2);
    expect(subjectOf(mails[1].raw)).toBe('Confirm your email address for Keel');
    await t
      .http()
      .post('/api/v1/auth/verify-email')
      .send({ token: linkTokenIn(mails[1].raw, PUBLIC_URL, 'verify-email') })
      .expect(204);

    // Verified: a further resend sends nothing.
    await t.http().post('/api/v1/auth/verify-email/resend').send({ email }).expect(202);
    await t.waitForQuiet();
    expect(smtp.to(email)).toHaveLength(2);
    expect(smtp.to(unknown)).toHaveLength(0);
  });

  it('When one reset link is confirmed by three requests at once, then exactly one succeeds and the others get 400', async () => {
    const email = uniqueEmail('race');
    await register(email);
    await smtp.waitFor(email);
    await t.http().post('/api/v1/auth/password-reset').send({ email }).expect(202);
    const token = linkTokenIn((await smtp.waitFor(email, 2))[1].raw, PUBLIC_URL, 'reset-password');

    const passwords = ['first racing passphrase', 'second racing passphrase', 'third racing passphrase'];
    const results = await Promise.all(
      passwords.map((newPassword) => t.http().post('/api/v1/auth/password-reset/confirm').send({ token, newPassword })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([204, 400, 400]);
    const winner = passwords[results.findIndex((r) => r.status === 204)];
    for (const password of passwords) await login(email, password).expect(password === winner ? 200 : 401);
  });

  it('When a verification token is expired, then 400 and the address stays unverified', async () => {
    const user = await signUpUnverified(t, uniqueEmail('expired'));
    const [mail] = await smtp.waitFor(user.email);
    const token = linkTokenIn(mail.raw, PUBLIC_URL, 'verify-email');
    await t.dataSource.query(`UPDATE identity.account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);

    await t.http().post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect((await t.http().get('/api/v1/users/me').set(bearer(user.accessToken)).expect(200)).body.emailVerified).toBe(false);
  });

  it('When the admin from ADMIN_EMAIL logs in, then the address is verified and no verification email was sent', async () => {
    const me = await t.http().get('/api/v1/users/me').set(bearer(t.adminToken)).expect(200);
    expect(me.body.emailVerified).toBe(true);
    await t.waitForQuiet();
    expect(smtp.to(me.body.email)).toHaveLength(0);
  });
});
