/** Injection token of the one `ObjectStorage` of a process (StorageModule binds the S3 adapter). */
export const OBJECT_STORAGE = Symbol('ObjectStorage');

export interface StoredObjectHead {
  key: string;
  size: number;
  contentType: string | undefined;
  etag: string | undefined;
  lastModified: Date | undefined;
}

export interface StoredObject extends StoredObjectHead {
  /** The bytes, streamed: a large object never sits whole in memory. */
  body: NodeJS.ReadableStream;
}

export interface PresignedRequest {
  method: 'PUT' | 'GET';
  url: string;
  /** Headers the client must send exactly as given (they are part of the signature). */
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface PresignUploadOptions {
  contentType: string;
  contentLength: number;
  expiresInSeconds: number;
}

export interface PresignDownloadOptions {
  expiresInSeconds: number;
  /** Sent back as the response's Content-Disposition, e.g. `attachment; filename="invoice-2026-000001.pdf"`. */
  contentDisposition?: string;
  contentType?: string;
}

/**
 * Object storage as Keel needs it: private objects under keys the server
 * chooses. Every call may fail with an outbound error when the store is down
 * (retryable, so a queue job backs off and tries again).
 */
export interface ObjectStorage {
  put(key: string, body: Buffer, options: { contentType: string; cacheControl?: string }): Promise<void>;
  /** `null` when there is no such object. */
  head(key: string): Promise<StoredObjectHead | null>;
  /** `null` when there is no such object. */
  get(key: string): Promise<StoredObject | null>;
  /** The bytes of a small object, read whole (at most `maxBytes`: more is an error). `null` when absent. */
  read(key: string, maxBytes: number): Promise<Buffer | null>;
  /** Idempotent: deleting an absent object succeeds. */
  delete(key: string): Promise<void>;
  /** A URL a client PUTs the bytes to, bound to the content type and length. */
  presignUpload(key: string, options: PresignUploadOptions): Promise<PresignedRequest>;
  presignDownload(key: string, options: PresignDownloadOptions): Promise<PresignedRequest>;
  /** Keys under a prefix, in key order, at most `limit`. */
  list(prefix: string, limit?: number): Promise<StoredObjectHead[]>;
  /** A cheap call that succeeds when the bucket is reachable (readiness). */
  ping(): Promise<void>;
}
