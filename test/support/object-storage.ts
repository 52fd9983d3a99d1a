import { EMBEDDED_S3_CREDENTIALS, type EmbeddedObjectStorage, startEmbeddedObjectStorage } from '@keel/storage/embedded';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_BUCKET = 'keel-test';

/**
 * A test's own S3 server (the embedded s3rver the launcher runs), on a free
 * port with its own directory; stop() and start() again on the same port for
 * fault tests. `env` points an app at it.
 */
export class TestObjectStorage {
  private server?: EmbeddedObjectStorage;
  private port = 0;
  private readonly directory = mkdtempSync(join(tmpdir(), 'keel-s3-'));

  static async start(): Promise<TestObjectStorage> {
    const storage = new TestObjectStorage();
    await storage.start();
    return storage;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get env(): Record<string, string> {
    return {
      S3_ENDPOINT: this.endpoint,
      S3_BUCKET: TEST_BUCKET,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: EMBEDDED_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: EMBEDDED_S3_CREDENTIALS.secretAccessKey,
    };
  }

  async start(): Promise<void> {
    this.server = await startEmbeddedObjectStorage({ directory: this.directory, bucket: TEST_BUCKET, port: this.port });
    this.port = this.server.port;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
