import { createHash } from 'node:crypto';

/**
 * The Redis key prefix of one deployment's rate-limit counters, derived like
 * the cache's from the database the instances serve (host, port and name, never
 * credentials): every instance of a deployment shares the counters, and another
 * deployment or test run on the same Redis never touches them.
 */
export function rateLimitKeyPrefixFor(databaseUrl: string): string {
  let target = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    target = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    // not a URL: hash it as it is
  }
  return `keel:ratelimit:${createHash('sha256').update(target).digest('hex').slice(0, 16)}:`;
}
