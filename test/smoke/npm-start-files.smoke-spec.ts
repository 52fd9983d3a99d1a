import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { freePort, runNode, waitFor } from '../support/processes';

/**
 * Issue 14's acceptance as a new user tries it on `npm start` with no storage configured: the
 * launcher's embedded S3 server takes a real PNG PUT with curl to the presigned URL, the image
 * becomes READY and is served from /media/ with caching headers, and a paid order's invoice
 * redirects to a PDF.
 */
jest.setTimeout(180_000);

describe('npm start: files on the embedded S3 server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keel-smoke-files-'));
  chmodSync(dataDir, 0o755); // the embedded postgres runs as the postgres user when we are root
  const admin = { email: 'files-admin@example.com', password: 'files admin password 123' };
  let launcher: ReturnType<typeof runNode>;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    launcher = runNode('dist/apps/launcher/src/main.js', {
      HOME: process.env.HOME ?? '/tmp',
      KEEL_DATA_DIR: join(dataDir, '.data'),
      PORT: String(port),
      WORKER_PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      SANDBOX_PORT: String(await freePort()),
      S3_EMBEDDED_PORT: String(await freePort()),
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
    });
    await waitFor(() => launcher.output().includes('ready in'), `launcher ready:\n${launcher.output()}`, 120_000);
  });
  afterAll(async () => {
    if (launcher?.child.exitCode === null) {
      launcher.child.kill('SIGTERM');
      await launcher.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (path: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${base}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text,
    };
  };
  const login = async (email: string, password: string) =>
    (await api('/api/v1/auth/login', { method: 'POST', body: { email, password } })).body.accessToken as string;

  it('When an admin uploads a real PNG with curl and completes it, then the product lists it READY and /media serves it with caching headers', async () => {
    expect(launcher.output()).toMatch(/embedded S3 server on http:\/\/127\.0\.0\.1:\d+ \(bucket keel/);
    const token = await login(admin.email, admin.password);
    const product = (await api('/api/v1/products?limit=1')).body.items[0] as { id: string };
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a6' } })
      .png()
      .toBuffer();
    const file = join(dataDir, 'photo.png');
    writeFileSync(file, png);

    const created = await api(`/api/v1/products/${product.id}/images`, {
      method: 'POST',
      token,
      body: { contentType: 'image/png', contentLength: png.length },
    });
    expect(created.status).toBe(201);
    const { id, upload } = created.body as { id: string; upload: { url: string } };
    const status = execFileSync(
      'curl',
      [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        '-X',
        'PUT',
        '-H',
        'Content-Type: image/png',
        '--data-binary',
        `@${file}`,
        upload.url,
      ],
      { encoding: 'utf8' },
    );
    expect(status).toBe('200');
    expect((await api(`/api/v1/products/${product.id}/images/${id}/complete`, { method: 'POST', token })).status).toBe(202);

    let images: Array<{ id: string; url: string; thumbnailUrl: string; width: number; height: number }> = [];
    await waitFor(
      async () => {
        images = (await api(`/api/v1/products/${product.id}`)).body.images;
        return images.some((image) => image.id === id);
      },
      'the image to be READY',
      20_000,
    );
    const image = images.find((i) => i.id === id)!;
    expect(image).toMatchObject({ width: 800, height: 600 });
    for (const url of [image.url, image.thumbnailUrl]) {
      const media = await fetch(`${base}${url}`);
      expect(media.status).toBe(200);
      expect(media.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(media.headers.get('etag')).toMatch(/^"[a-f0-9]{64}"$/);
      expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(existsSync(join(dataDir, '.data', 'objects', 'keel'))).toBe(true);
  });

  it('When a customer pays with pm_card_visa, then the invoice redirects to a PDF', async () => {
    const email = `files-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'a long enough password';
    expect((await api('/api/v1/auth/register', { method: 'POST', body: { email, password, name: 'Files Customer' } })).status).toBe(202);
    // Orders need a verified address: the link from the development mailbox, as a newcomer follows it.
    let verification: string | undefined;
    await waitFor(
      async () => {
        const page = await (await fetch(`${base}/dev/mailbox`)).text();
        verification = page.includes(email) ? /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(page)?.[1] : undefined;
        return verification !== undefined;
      },
      'the verification email on /dev/mailbox',
      30_000,
    );
    expect((await api('/api/v1/auth/verify-email', { method: 'POST', body: { token: verification } })).status).toBe(204);
    const token = await login(email, password);
    const product = (await api('/api/v1/products?limit=1')).body.items[0] as { id: string };
    const placed = await api('/api/v1/orders', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: { items: [{ productId: product.id, quantity: 1 }], payment: { provider: 'stripe', method: 'pm_card_visa' } },
    });
    expect(placed.status).toBe(201);
    let invoice = await api(`/api/v1/orders/${placed.body.id}/invoice`, { token });
    for (let i = 0; i < 100 && invoice.status === 409; i++) {
      await sleep(200);
      invoice = await api(`/api/v1/orders/${placed.body.id}/invoice`, { token });
    }
    expect(invoice.status).toBe(302);
    const pdf = await fetch(invoice.headers.get('location')!);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('%PDF');
  });
});
