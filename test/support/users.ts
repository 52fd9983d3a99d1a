import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery staple';

export const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID().slice(0, 8)}@example.com`;

/** Registers and logs in a fresh customer; returns its tokens. */
export async function signUp(t: TestApp, email = uniqueEmail()) {
  await t.http().post('/api/v1/auth/register').send({ email, password: PASSWORD, name: 'Test User' }).expect(201);
  const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
  return { email, accessToken: login.body.accessToken as string, refreshToken: login.body.refreshToken as string };
}
