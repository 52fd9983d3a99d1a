import { databaseKeyPrefix } from '../database/database-key-prefix';

/**
 * The Redis key prefix of one deployment's cache: derived from the database the
 * cached values come from (host, port and name, never credentials). Instances
 * serving the same database share entries and invalidations; another database
 * (a test run, a staging stack on the same Redis) can never read them.
 */
export function cacheKeyPrefixFor(databaseUrl: string): string {
  return databaseKeyPrefix('cache', databaseUrl);
}
