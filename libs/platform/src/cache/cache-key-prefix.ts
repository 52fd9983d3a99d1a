import { createHash } from 'node:crypto';

/**
 * The Redis key prefix of one deployment's cache: derived from the database the
 * cached values come from (host, port and name, never credentials). Instances
 * serving the same database share entries and invalidations; another database
 * (a test run, a staging stack on the same Redis) can never read them.
 */
export function cacheKeyPrefixFor(databaseUrl: string): string {
  return databaseKeyPrefix('cache', databaseUrl);
}

/** `keel:<kind>:<hash of the database>:`, for any Redis state that belongs to one deployment's database. */
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
