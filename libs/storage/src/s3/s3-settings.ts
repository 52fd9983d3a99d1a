/** What the S3 adapter needs to know, read from the platform's S3_* variables (AppConfig). */
export interface S3Settings {
  /** Unset: AWS's endpoint for the region. */
  endpoint?: string;
  /** Where clients reach the store, when it differs from `endpoint`; presigned URLs name this host. */
  publicEndpoint?: string;
  region: string;
  bucket: string;
  forcePathStyle: boolean;
  /** Unset: the SDK's default chain (instance role, web identity, …). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}
