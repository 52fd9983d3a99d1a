import { validateEnvironment } from '@keel/kernel';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from '../../support/processes';

/**
 * DATABASE_SSL against a real PostgreSQL with ssl=on: a throw-away cluster whose certificate
 * (CN=localhost, IP 127.0.0.1) is signed by a throw-away CA, and whose pg_hba refuses plain
 * connections. The URLs are the ones validateEnvironment hands every pool and listener.
 */
const BIN = existsSync('/usr/lib/postgresql')
  ? readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(a) - Number(b))
      .map((version) => `/usr/lib/postgresql/${version}/bin`)
      .pop()
  : undefined;

describe('TLS to PostgreSQL (DATABASE_SSL)', () => {
  let dir: string;
  let data: string;
  let port: number;
  let caFile: string;
  let otherCaFile: string;
  // initdb and postgres refuse to run as root: as root, run them as the postgres user.
  const asPostgres = (command: string, args: string[]) =>
    userInfo().uid === 0
      ? execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' })
      : execFileSync(command, args, { stdio: 'pipe' });
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });

  beforeAll(async () => {
    expect(BIN).toBeDefined(); // the PostgreSQL server binaries (the CI machine's "services")
    dir = mkdtempSync(join(tmpdir(), 'keel-pg-tls-'));
    chmodSync(dir, 0o755);
    data = join(dir, 'data');
    // A CA, a server certificate it signs, and an unrelated CA.
    caFile = join(dir, 'ca.crt');
    otherCaFile = join(dir, 'other-ca.crt');
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Keel test CA',
      '-keyout',
      join(dir, 'ca.key'),
      '-out',
      caFile,
    );
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Other CA', '-keyout', join(dir, 'other-ca.key'), '-out', otherCaFile); // prettier-ignore
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'server.key'),
      '-out',
      join(dir, 'server.csr'),
    );
    writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl('x509', '-req', '-in', join(dir, 'server.csr'), '-CA', caFile, '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '1', '-extfile', join(dir, 'san.ext'), '-out', join(dir, 'server.crt')); // prettier-ignore
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      for (const file of ['server.key', 'server.crt']) chownSync(join(dir, file), uid, gid);
      chownSync(dir, uid, gid);
    }
    chmodSync(join(dir, 'server.key'), 0o600);
    asPostgres(join(BIN!, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    port = await freePort();
    writeFileSync(
      join(data, 'postgresql.conf'),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${dir}'`,
        'ssl = on',
        `ssl_cert_file = '${join(dir, 'server.crt')}'`,
        `ssl_key_file = '${join(dir, 'server.key')}'`,
        '',
      ].join('\n'),
    );
    // TLS or nothing: a plain connection is refused, so a passing query proves TLS was used.
    writeFileSync(
      join(data, 'pg_hba.conf'),
      'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n',
    );
    asPostgres(join(BIN!, 'pg_ctl'), ['-D', data, '-l', join(dir, 'postgres.log'), '-w', 'start']);
    await waitFor(() => existsSync(join(data, 'postmaster.pid')), 'PostgreSQL with ssl=on', 15_000);
  });

  afterAll(() => {
    if (data && existsSync(join(data, 'postmaster.pid'))) asPostgres(join(BIN!, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Connects with the URL the validated environment yields and asks the server whether this session uses TLS. */
  async function sessionOver(env: Record<string, string>): Promise<{ ssl: boolean; version: string }> {
    const { DATABASE_URL } = validateEnvironment({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres`, ...env });
    const client = new Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const { rows } = await client.query<{ ssl: boolean; version: string }>(
        'SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  it('When DATABASE_SSL=verify-full with the CA that signed the server, then the session is TLS (1.2+)', async () => {
    await expect(sessionOver({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: caFile })).resolves.toEqual({
      ssl: true,
      version: expect.stringMatching(/^TLSv1\.[23]$/) as unknown as string,
    });
  });

  it('When DATABASE_SSL=no-verify, then the session is encrypted without checking the certificate', async () => {
    await expect(sessionOver({ DATABASE_SSL: 'no-verify' })).resolves.toMatchObject({ ssl: true });
  });

  it('When DATABASE_SSL=verify-full with another CA, then the connection fails on the certificate', async () => {
    await expect(sessionOver({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: otherCaFile })).rejects.toThrow(/certificate/i);
  });

  it('When DATABASE_SSL is off, then the plain connection is refused by this server (the control)', async () => {
    await expect(sessionOver({})).rejects.toThrow(/no encryption|pg_hba/i);
  });
});
