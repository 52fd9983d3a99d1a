/** RFC 6750 `Authorization: Bearer <token>` (b64token syntax); anything else is no token. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

export function bearerTokenFrom(authorization: string | undefined): string | undefined {
  return typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
}
