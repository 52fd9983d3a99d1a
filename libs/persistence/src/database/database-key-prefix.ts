import { createHash } from 'node:crypto';

/**
 * `keel:<kind>:<hash of the database>:`, for any Redis state that belongs to
 * one deployment's database (the cache, read-your-writes positions). Derived
 * from host, port and name, never credentials: instances serving the same
 * database share the state; another database (a test run, a staging stack on
 * the same Redis) can never read it.
 */
export function databaseKeyPrefix(kind: string, databaseUrl: string): string {
  let target = databaseUrl;
  try {
    const url = new URL(databaseUrl);
    target = `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    // not a URL: hash it as it is
  }
  return `keel:${kind}:${createHash('sha256').update(target).digest('hex').slice(0, 16)}:`;
}
