import type { FastifyRequest } from 'fastify';
import type { AccessTokenService } from './access-token.service';
import type { AuthenticatedUser } from './authenticated-user';
import { bearerTokenFrom } from './bearer-token';

// Keyed by the raw request: the rate limiter's onRequest hook and Nest's guard see the same one.
const verified = new WeakMap<object, { token: string; user: Promise<AuthenticatedUser> }>();

/**
 * The request's bearer token verified once, however many places ask: the
 * rate limiter (to count per user) and the auth guard both need it, and a JWT
 * verification is the costliest step of an authenticated cached read.
 * Undefined when the request carries no bearer token.
 */
export function authenticateRequest(request: FastifyRequest, tokens: AccessTokenService): Promise<AuthenticatedUser> | undefined {
  const token = bearerTokenFrom(request.headers.authorization);
  if (!token) return undefined;
  const known = verified.get(request.raw);
  if (known && known.token === token) return known.user;
  const user = tokens.verify(token);
  // The rejection is the caller's to handle; this copy must not count as unhandled.
  user.catch(() => undefined);
  verified.set(request.raw, { token, user });
  return user;
}
