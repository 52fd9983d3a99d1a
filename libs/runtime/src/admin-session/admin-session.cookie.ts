import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '@keel/kernel';
import { ADMIN_SESSION_TTL_SECONDS } from './admin-session.tokens';

export const ADMIN_SESSION_COOKIE = 'keel_admin_session';
/** The cookie goes only to the admin pages (/admin/queues, /admin/login), never to the API. */
export const ADMIN_SESSION_COOKIE_PATH = '/admin';

/**
 * HttpOnly (no script reads it), Secure (browsers send it over TLS only; they
 * also accept it from http://localhost, for development), SameSite=Strict (no
 * other site's page can make the browser send it), scoped to /admin.
 */
export function setAdminSessionCookie(reply: FastifyReply, token: string): void {
  void reply.header(
    'set-cookie',
    `${ADMIN_SESSION_COOKIE}=${token}; Path=${ADMIN_SESSION_COOKIE_PATH}; Max-Age=${ADMIN_SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=Strict`,
  );
}

/** The session cookie's value, if the request carries one. */
export function adminSessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === ADMIN_SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie-authenticated writes, on top of SameSite=Strict: a
 * write (retry, remove, clean, add...) must carry an `Origin` that is this
 * server's own. Browsers send Origin with every cross-origin request and every
 * non-GET fetch, and a page cannot forge it; a request with a cookie but no
 * Origin is refused too (no browser the dashboard supports sends a write
 * without one). Bearer-token requests are not ambient credentials and skip this.
 */
export function assertSameOriginWrite(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.origin;
  // request.protocol and request.host honour X-Forwarded-Proto/-Host only from TRUSTED_PROXIES.
  const own = `${request.protocol}://${request.host}`;
  if (origin !== own) {
    throw new ForbiddenError('Cross-site write refused: a queue dashboard action must come from the dashboard itself.');
  }
}
