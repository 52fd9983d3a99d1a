import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../../support/test-app';

/** A GET over TLS that trusts only the test's own self-signed certificate. */
function get(port: number, path: string, ca: Buffer): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path, ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Native HTTPS (TLS_CERT_FILE / TLS_KEY_FILE)', () => {
  let dir: string;
  let t: TestApp;
  let port: number;
  let ca: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' }); // prettier-ignore
    ca = readFileSync(cert);
    t = await startTestApp({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('When a client connects over TLS, then the API answers with HSTS and its usual headers', async () => {
    const res = await get(port, '/api/v1/products', ca);
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    expect(res.headers['ratelimit-limit']).toEqual(expect.any(String));
    expect(JSON.parse(res.body)).toMatchObject({ items: expect.any(Array) });
  });

  it('When a client speaks plain HTTP to the TLS port, then it is not served', async () => {
    const plain = await fetch(`http://127.0.0.1:${port}/health/live`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
  });
});
