import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import S3rver from 's3rver';

/** The keys s3rver accepts (it has one built-in account). Development and tests only. */
export const EMBEDDED_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Lets a browser on any origin PUT to a presigned URL and read the answer's ETag
 * (the presigned signature, not CORS, is what protects the bucket).
 */
export const DEVELOPMENT_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export interface EmbeddedObjectStorage {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedObjectStorageOptions {
  /** The objects live under `<directory>` (the launcher passes `<KEEL_DATA_DIR>/objects`). */
  directory: string;
  bucket: string;
  /** 0 = any free port. */
  port: number;
}

/**
 * An S3-compatible server in this process (the `s3rver` package), so the same
 * S3 adapter and presigned URLs work in development and in CI without a
 * container: `npm start` runs it as it runs PostgreSQL. Loopback only; the
 * bucket is created with CORS for browser uploads.
 */
export async function startEmbeddedObjectStorage(options: EmbeddedObjectStorageOptions): Promise<EmbeddedObjectStorage> {
  const directory = resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory,
    silent: true,
    // Path-style only: a vhost bucket would need DNS for <bucket>.127.0.0.1.
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [DEVELOPMENT_CORS] }],
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => server.close() as Promise<void>,
  };
}
