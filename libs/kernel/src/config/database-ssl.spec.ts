import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

/**
 * DATABASE_SSL and DATABASE_SSL_CA_FILE: validated at boot and applied to every PostgreSQL URL,
 * checked here through node-postgres' own parsing of the URLs the apps connect with.
 */
describe('DATABASE_SSL', () => {
  const base = {
    DATABASE_URL: 'postgres://keel_app:secret@db.internal:5432/keel',
    DATABASE_MIGRATION_URL: 'postgres://keel_owner:secret@db.internal:5432/keel',
    DATABASE_REPLICA_URLS: 'postgres://keel_app:secret@replica-1.internal/keel,postgres://keel_app:secret@replica-2.internal/keel',
  };
  let dir: string;
  let caFile: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keel-ssl-'));
    caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nnot really a certificate\n-----END CERTIFICATE-----\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The TLS options node-postgres derives from a URL (what every pool and listener gets). */
  // connectionParameters is public at runtime but missing from @types/pg.
  const sslOf = (url: string) =>
    (new Client({ connectionString: url }) as unknown as { connectionParameters: { ssl: unknown } }).connectionParameters.ssl;
  const urls = (env: ReturnType<typeof validateEnvironment>) => [
    env.DATABASE_URL,
    env.DATABASE_MIGRATION_URL!,
    ...env.DATABASE_REPLICA_URLS,
  ];

  it('When DATABASE_SSL is unset, then every URL is used as written (plain, or whatever sslmode it carries)', () => {
    const env = validateEnvironment(base);
    expect(env.DATABASE_SSL).toBe('off');
    expect(env.DATABASE_URL).toBe(base.DATABASE_URL);
    expect(urls(env).map(sslOf)).toEqual([false, false, false, false]);
  });

  it('When DATABASE_SSL=verify-full with a CA file, then every connection verifies the server against that CA', () => {
    const env = validateEnvironment({ ...base, DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: caFile });
    for (const url of urls(env)) {
      expect(new URL(url).searchParams.get('sslmode')).toBe('verify-full');
      const ssl = sslOf(url) as { ca?: string; rejectUnauthorized?: boolean };
      expect(ssl.ca).toContain('not really a certificate');
      expect(ssl.rejectUnauthorized).not.toBe(false);
    }
    // Credentials, host and database are untouched.
    expect(new URL(env.DATABASE_URL)).toMatchObject({
      username: 'keel_app',
      password: 'secret',
      host: 'db.internal:5432',
      pathname: '/keel',
    });
  });

  it('When DATABASE_SSL=verify-full without a CA file, then the system CAs verify the server', () => {
    const env = validateEnvironment({ ...base, DATABASE_SSL: 'verify-full' });
    expect(urls(env).map(sslOf)).toEqual([{}, {}, {}, {}]); // node's default: rejectUnauthorized, system CAs
  });

  it('When DATABASE_SSL=no-verify, then connections are encrypted without checking the certificate, overriding the URL', () => {
    const env = validateEnvironment({ ...base, DATABASE_URL: `${base.DATABASE_URL}?sslmode=disable`, DATABASE_SSL: 'no-verify' });
    expect(urls(env).map(sslOf)).toEqual(Array(4).fill({ rejectUnauthorized: false }));
  });

  it.each<[Record<string, string>, string]>([
    [{ DATABASE_SSL: 'on' }, 'DATABASE_SSL'],
    [{ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: '/nonexistent/ca.pem' }, 'DATABASE_SSL_CA_FILE'],
    [{ DATABASE_SSL: 'no-verify', DATABASE_SSL_CA_FILE: 'CA' }, 'DATABASE_SSL_CA_FILE'],
  ])('When the TLS settings are inconsistent (%j), then the boot fails naming %s', (settings, name) => {
    const settingsWithFile = { ...settings, ...(settings.DATABASE_SSL_CA_FILE === 'CA' ? { DATABASE_SSL_CA_FILE: caFile } : {}) };
    let error: unknown;
    try {
      validateEnvironment({ ...base, ...settingsWithFile });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect((error as InvalidEnvironmentError).message).toContain(name);
  });
});
