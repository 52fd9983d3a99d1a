import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { loadOnFirstUse, ServiceUnavailableError } from '@keel/kernel';
import { OutboundPolicy } from '@keel/observability';
import type { Readable } from 'node:stream';
import type {
  ObjectStorage,
  PresignDownloadOptions,
  PresignedRequest,
  PresignUploadOptions,
  StoredObject,
  StoredObjectHead,
} from '../object-storage.port';
import { isNotFound, STORAGE_PROVIDER, toOutboundError } from './s3-error';
import type { S3Settings } from './s3-settings';

/** The presigner only in a process that signs URLs (the API): the worker stores and reads objects but signs nothing. */
const loadPresigner = loadOnFirstUse(() => import('@aws-sdk/s3-request-presigner'));

/** Presigned URLs never live longer than this, whatever a caller asks. */
export const MAX_PRESIGN_SECONDS = 15 * 60;

/**
 * ObjectStorage on any S3-compatible store (AWS S3, MinIO, the embedded s3rver)
 * with the AWS SDK v3. Every call runs under the platform's OutboundPolicy
 * (per-attempt timeout, retries with backoff for what can succeed later,
 * circuit breaker), which also times each attempt and opens a CLIENT span for
 * it; the SDK's own retries are off so the two do not multiply.
 */
export class S3ObjectStorage implements ObjectStorage {
  private readonly client: S3Client;
  /** Signs URLs for the host clients reach (may differ from the one the API talks to). */
  private readonly signer: S3Client;
  private readonly bucket: string;

  constructor(
    settings: S3Settings,
    private readonly policy = new OutboundPolicy({
      provider: STORAGE_PROVIDER,
      attemptTimeoutMs: 5_000,
      deadlineMs: 15_000,
      maxAttempts: 3,
    }),
  ) {
    const common = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      maxAttempts: 1,
      // Checksums only where S3 requires them: s3rver and older MinIO reject the trailers of the default.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
    };
    this.client = new S3Client({ ...common, endpoint: settings.endpoint });
    this.signer = new S3Client({ ...common, endpoint: settings.publicEndpoint ?? settings.endpoint });
    this.bucket = settings.bucket;
  }

  async put(key: string, body: Buffer, options: { contentType: string; cacheControl?: string }): Promise<void> {
    await this.run('put', (abortSignal) =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          ContentLength: body.length,
          CacheControl: options.cacheControl,
        }),
        { abortSignal },
      ),
    );
  }

  async head(key: string): Promise<StoredObjectHead | null> {
    return this.run('head', async (abortSignal) => {
      try {
        const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
        return { key, size: out.ContentLength ?? 0, contentType: out.ContentType, etag: out.ETag, lastModified: out.LastModified };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  async get(key: string): Promise<StoredObject | null> {
    // The policy aborts its signal when the attempt returns; the body is read after that,
    // so the request gets its own controller, aborted only by a timeout before the answer.
    return this.run('get', async (policySignal) => {
      const request = new AbortController();
      const abort = () => request.abort();
      policySignal.addEventListener('abort', abort, { once: true });
      try {
        const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: request.signal });
        return {
          key,
          size: out.ContentLength ?? 0,
          contentType: out.ContentType,
          etag: out.ETag,
          lastModified: out.LastModified,
          body: out.Body as Readable,
        };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      } finally {
        policySignal.removeEventListener('abort', abort);
      }
    });
  }

  async read(key: string, maxBytes: number): Promise<Buffer | null> {
    return this.run('read', async (abortSignal) => {
      try {
        const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal });
        if ((out.ContentLength ?? 0) > maxBytes) {
          (out.Body as Readable).destroy();
          throw new ObjectTooLargeError(key, out.ContentLength ?? 0, maxBytes);
        }
        const bytes = Buffer.from(await out.Body!.transformToByteArray());
        if (bytes.length > maxBytes) throw new ObjectTooLargeError(key, bytes.length, maxBytes);
        return bytes;
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    });
  }

  async delete(key: string): Promise<void> {
    await this.run('delete', (abortSignal) =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal }),
    );
  }

  async presignUpload(key: string, options: PresignUploadOptions): Promise<PresignedRequest> {
    const expiresIn = Math.min(options.expiresInSeconds, MAX_PRESIGN_SECONDS);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ContentLength: options.contentLength,
    });
    // Both headers are signed: a PUT with another type or length is refused by the store.
    const url = await this.sign(command, { expiresIn, signableHeaders: new Set(['content-type', 'content-length']) });
    return {
      method: 'PUT',
      url,
      headers: { 'Content-Type': options.contentType, 'Content-Length': String(options.contentLength) },
      expiresAt: new Date(Date.now() + expiresIn * 1000),
    };
  }

  async presignDownload(key: string, options: PresignDownloadOptions): Promise<PresignedRequest> {
    const expiresIn = Math.min(options.expiresInSeconds, MAX_PRESIGN_SECONDS);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    const url = await this.sign(command, { expiresIn });
    return { method: 'GET', url, headers: {}, expiresAt: new Date(Date.now() + expiresIn * 1000) };
  }

  async list(prefix: string, limit = 1000): Promise<StoredObjectHead[]> {
    return this.run('list', async (abortSignal) => {
      const out = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: limit }), {
        abortSignal,
      });
      return (out.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        contentType: undefined,
        etag: o.ETag,
        lastModified: o.LastModified,
      }));
    });
  }

  /**
   * One attempt, outside the retry policy: a readiness probe reports the store's state
   * now (StorageHealth bounds it and asks again later), and must not log retries or
   * trip the breaker the real calls share.
   */
  async ping(timeoutMs = 1_000): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw toOutboundError(error);
    }
  }

  get breakerState(): 'closed' | 'half-open' | 'open' {
    return this.policy.breakerState;
  }

  destroy(): void {
    this.client.destroy();
    this.signer.destroy();
  }

  /**
   * Signing is local, but needs credentials: without any (no keys, no role) it is a 503 naming
   * the cause, not an unexpected 500.
   */
  private async sign(command: PutObjectCommand | GetObjectCommand, options: Parameters<typeof getSignedUrl>[2]): Promise<string> {
    const presigner = await loadPresigner();
    try {
      return await presigner.getSignedUrl(this.signer, command, options);
    } catch (error) {
      throw new ServiceUnavailableError(`Object storage cannot sign a URL (${(error as Error).name}); check the S3_* settings.`);
    }
  }

  private run<T>(operation: string, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.policy.call(operation, async (signal) => {
      try {
        return await attempt(signal);
      } catch (error) {
        if (error instanceof ObjectTooLargeError) throw error;
        throw toOutboundError(error);
      }
    });
  }
}

/** An object bigger than the caller can hold; not retryable (it will not shrink). */
export class ObjectTooLargeError extends Error {
  override readonly name = 'ObjectTooLargeError';
  constructor(
    readonly key: string,
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`Object ${key} is ${size} bytes, more than ${maxBytes}`);
  }
}
