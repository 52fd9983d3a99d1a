import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { IssueAccountLinkCommand } from '@keel/identity/contracts';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

export interface SignedUpUser {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/**
 * Registers a fresh customer (202) and logs it in, leaving the address unverified:
 * it can read, but POST /orders answers 403 email-not-verified.
 */
export async function signUpUnverified(t: TestApp, email = uniqueEmail(), name = 'Test User'): Promise<SignedUpUser> {
  await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name }).expect(202, { status: 'verification-sent' });
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  const me = await t.http().get('/api/v1/users/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
  return { id: me.body.id, email, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
}

/**
 * Registers, verifies and logs in a fresh customer, ready to order. The address
 * is verified through the real POST /auth/verify-email, with a link minted the
 * way the worker mints the one it emails (IssueAccountLinkCommand), so suites
 * without a worker or mail server need neither. The emails themselves are tested
 * in test/e2e/identity/account-emails-smtp.e2e-spec.ts.
 */
export async function signUp(t: TestApp, email = uniqueEmail(), name = 'Test User'): Promise<SignedUpUser> {
  const user = await signUpUnverified(t, email, name);
  await verifyEmail(t, user.id);
  return user;
}

/** The token of a verification link minted the way the worker mints the one it emails. */
export async function verificationTokenFor(t: TestApp, userId: string): Promise<string> {
  const link = await t.app.get(CommandBus).execute(new IssueAccountLinkCommand(userId, 'verify-email'));
  if (!link) throw new Error(`No verification link for user ${userId} (unknown, or verified already)`);
  return new URL(link.url).searchParams.get('token')!;
}

/** Verifies a user's address through POST /auth/verify-email. */
export async function verifyEmail(t: TestApp, userId: string): Promise<void> {
  const token = await verificationTokenFor(t, userId);
  await t.http().post('/api/v1/auth/verify-email').send({ token }).expect(204);
}
