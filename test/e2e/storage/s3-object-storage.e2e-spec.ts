import { S3ObjectStorage } from '@keel/storage';
import { OutboundPolicy, outboundRequestDuration } from '@keel/observability';
import { TEST_BUCKET, TestObjectStorage } from '../../support/object-storage';

/** The S3 adapter against a real S3 server over HTTP (the embedded s3rver), never a mock of the SDK. */
describe('S3ObjectStorage (embedded S3 server)', () => {
  let server: TestObjectStorage;
  let storage: S3ObjectStorage;

  beforeAll(async () => {
    server = await TestObjectStorage.start();
    storage = new S3ObjectStorage(
      {
        endpoint: server.endpoint,
        region: 'us-east-1',
        bucket: TEST_BUCKET,
        forcePathStyle: true,
        credentials: { accessKeyId: server.env.S3_ACCESS_KEY_ID, secretAccessKey: server.env.S3_SECRET_ACCESS_KEY },
      },
      new OutboundPolicy({ provider: 'storage-test', attemptTimeoutMs: 1_000, deadlineMs: 3_000, maxAttempts: 2, baseDelayMs: 50 }),
    );
  });

  afterAll(async () => {
    storage.destroy();
    await server.close();
  });

  it('When an object is put, then head, read, get and list see it, and delete removes it (twice is fine)', async () => {
    await storage.put('t/a.txt', Buffer.from('hello'), { contentType: 'text/plain', cacheControl: 'no-store' });
    expect(await storage.head('t/a.txt')).toMatchObject({ key: 't/a.txt', size: 5, contentType: 'text/plain' });
    expect((await storage.read('t/a.txt', 100))?.toString()).toBe('hello');
    await expect(storage.read('t/a.txt', 2)).rejects.toThrow(/more than 2/);
    const object = await storage.get('t/a.txt');
    const chunks: Buffer[] = [];
    for await (const chunk of object!.body as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    expect((await storage.list('t/')).map((o) => o.key)).toEqual(['t/a.txt']);
    await storage.delete('t/a.txt');
    await storage.delete('t/a.txt');
    expect(await storage.head('t/a.txt')).toBeNull();
    expect(await storage.get('t/a.txt')).toBeNull();
  });

  it('When an upload is presigned, then its signature covers the type and length, and a PUT with those headers stores the bytes', async () => {
    const upload = await storage.presignUpload('t/up.bin', { contentType: 'image/png', contentLength: 4, expiresInSeconds: 3600 });
    // Capped at 15 minutes whatever is asked; S3 and MinIO refuse a PUT whose type or length differs
    // from these signed headers (the embedded server does not check V4 signatures: the image
    // verification job is the guard that holds everywhere).
    expect(upload.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000);
    const url = new URL(upload.url);
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBe(900);
    expect(upload.headers).toEqual({ 'Content-Type': 'image/png', 'Content-Length': '4' });
    const ok = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: 'abcd' });
    expect(ok.status).toBe(200);
    expect(await storage.head('t/up.bin')).toMatchObject({ size: 4, contentType: 'image/png' });
  });

  it('When a download is presigned with a disposition, then the URL serves the bytes with it', async () => {
    await storage.put('t/doc.pdf', Buffer.from('%PDF-1.3'), { contentType: 'application/pdf' });
    const download = await storage.presignDownload('t/doc.pdf', {
      expiresInSeconds: 300,
      contentDisposition: 'attachment; filename="invoice-1.pdf"',
    });
    const response = await fetch(download.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="invoice-1.pdf"');
    expect(await response.text()).toBe('%PDF-1.3');
  });

  it('When the server is down, then calls fail with a retryable outbound error, and work again once it is back', async () => {
    await server.stop();
    try {
      await expect(storage.head('t/doc.pdf')).rejects.toMatchObject({ name: 'OutboundCallError', retryable: true });
    } finally {
      await server.start();
    }
    expect(await storage.head('t/doc.pdf')).toMatchObject({ size: 8 });
  });

  it('When no credentials can be found, then presigning is a 503-kind error naming the settings, not a crash', async () => {
    const previous = process.env.AWS_EC2_METADATA_DISABLED;
    process.env.AWS_EC2_METADATA_DISABLED = 'true'; // no instance role to look for here: fail fast
    const keyless = new S3ObjectStorage({ endpoint: server.endpoint, region: 'us-east-1', bucket: TEST_BUCKET, forcePathStyle: true });
    try {
      await expect(keyless.presignDownload('t/doc.pdf', { expiresInSeconds: 60 })).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringMatching(/check the S3_\* settings/),
      });
    } finally {
      keyless.destroy();
      if (previous === undefined) delete process.env.AWS_EC2_METADATA_DISABLED;
      else process.env.AWS_EC2_METADATA_DISABLED = previous;
    }
  });

  it('When calls were made, then each attempt is counted with its operation, outcome and latency', async () => {
    const { values } = await outboundRequestDuration.get();
    const count = (operation: string, outcome: string) =>
      values.find(
        (v) =>
          v.metricName === 'keel_outbound_request_duration_seconds_count' &&
          v.labels.provider === 'storage-test' &&
          v.labels.operation === operation &&
          v.labels.outcome === outcome,
      )?.value ?? 0;
    expect(count('put', 'success')).toBeGreaterThanOrEqual(2);
    expect(count('head', 'success')).toBeGreaterThanOrEqual(3);
    expect(count('head', 'error')).toBeGreaterThanOrEqual(1); // the outage above
  });
});
