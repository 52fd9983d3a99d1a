import { KeelClient, type KeelClientOptions } from '@keel/client';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';
import { PASSWORD, uniqueEmail, verificationTokenFor } from './users';

/** Base URL of a test app (listening on an ephemeral port on 127.0.0.1). */
export const baseUrlOf = (t: TestApp) => `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;

/**
 * The generated REST client (@keel/client, packages/client) against a test app: the
 * happy paths go through it, so a document that does not match what the server sends
 * (a path, a field, a status) fails them.
 */
export const clientFor = (t: TestApp, options: Partial<KeelClientOptions> = {}) => new KeelClient({ baseUrl: baseUrlOf(t), ...options });

/** A fresh customer, registered, verified (with a link minted as the worker mints it) and logged in through the client. */
export async function signedInCustomer(t: TestApp, options: Partial<KeelClientOptions> = {}) {
  const client = clientFor(t, options);
  const email = uniqueEmail();
  expect(await client.register({ email, password: PASSWORD, name: 'Test User' })).toEqual({ status: 'verification-sent' });
  await client.login({ email, password: PASSWORD });
  const me = await client.getCurrentUser();
  await client.verifyEmail(await verificationTokenFor(t, me.id));
  return { client, email };
}
