import type { ObjectStorage, PresignedRequest, StoredObject, StoredObjectHead } from '../object-storage.port';
import { Readable } from 'node:stream';

/** ObjectStorage in memory, for unit specs; `down = true` makes every call fail like an unreachable store. */
export class InMemoryObjectStorage implements ObjectStorage {
  readonly objects = new Map<string, { body: Buffer; contentType: string }>();
  down = false;

  given(key: string, body: Buffer, contentType: string): this {
    this.objects.set(key, { body, contentType });
    return this;
  }

  private check(): void {
    if (this.down) throw Object.assign(new Error('storage unreachable'), { retryable: true });
  }

  async put(key: string, body: Buffer, options: { contentType: string }): Promise<void> {
    this.check();
    this.objects.set(key, { body, contentType: options.contentType });
  }

  async head(key: string): Promise<StoredObjectHead | null> {
    this.check();
    const o = this.objects.get(key);
    return o ? { key, size: o.body.length, contentType: o.contentType, etag: undefined, lastModified: undefined } : null;
  }

  async get(key: string): Promise<StoredObject | null> {
    const head = await this.head(key);
    return head ? { ...head, body: Readable.from(this.objects.get(key)!.body) } : null;
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    this.check();
    const o = this.objects.get(key);
    if (o && o.body.length > maxBytes) throw new Error(`Object ${key} is larger than ${maxBytes}`);
    return o?.body ?? null;
  }

  async delete(key: string): Promise<void> {
    this.check();
    this.objects.delete(key);
  }

  async presignUpload(
    key: string,
    options: { contentType: string; contentLength: number; expiresInSeconds: number },
  ): Promise<PresignedRequest> {
    return {
      method: 'PUT',
      url: `memory://${key}`,
      headers: { 'Content-Type': options.contentType, 'Content-Length': String(options.contentLength) },
      expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000),
    };
  }

  async presignDownload(key: string, options: { expiresInSeconds: number }): Promise<PresignedRequest> {
    return { method: 'GET', url: `memory://${key}`, headers: {}, expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000) };
  }

  async list(prefix: string): Promise<StoredObjectHead[]> {
    this.check();
    return [...this.objects.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((key) => ({ key, size: this.objects.get(key)!.body.length, contentType: undefined, etag: undefined, lastModified: undefined }));
  }

  async ping(): Promise<void> {
    this.check();
  }
}
