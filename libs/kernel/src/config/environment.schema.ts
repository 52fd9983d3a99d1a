import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';

const POSTGRES_URL = /^postgres(ql)?:\/\/\S+$/;
const REDIS_URL = /^rediss?:\/\/\S+$/;

/** An IP, a CIDR block, or one of proxy-addr's names (loopback, linklocal, uniquelocal). */
const isProxyAddress = (value: unknown): boolean => {
  if (typeof value !== 'string') return false;
  if (['loopback', 'linklocal', 'uniquelocal'].includes(value)) return true;
  const [ip, bits, ...rest] = value.split('/');
  const version = isIP(ip);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
};

/** How the apps reach PostgreSQL over TLS (DATABASE_SSL; docs/operations.md, TLS to PostgreSQL and Redis). */
export const DATABASE_SSL_MODES = ['off', 'no-verify', 'verify-full'] as const;

/**
 * DATABASE_SSL (and DATABASE_SSL_CA_FILE) written into a PostgreSQL URL as the libpq-style
 * parameters node-postgres reads (`sslmode`, `sslrootcert`), so every pool and listener that
 * connects with the URL (TypeORM, replicas, LISTEN clients, BullMQ's PostgreSQL backend)
 * gets the same TLS settings. `off` leaves the URL as written (it may carry its own sslmode).
 */
export function withDatabaseSsl(url: unknown, env: { DATABASE_SSL?: unknown; DATABASE_SSL_CA_FILE?: unknown }): unknown {
  const mode = env.DATABASE_SSL;
  if (typeof url !== 'string' || !POSTGRES_URL.test(url) || (mode !== 'no-verify' && mode !== 'verify-full')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url; // the URL rule reports it
  }
  parsed.searchParams.delete('sslrootcert');
  parsed.searchParams.set('sslmode', mode);
  if (mode === 'verify-full' && typeof env.DATABASE_SSL_CA_FILE === 'string' && env.DATABASE_SSL_CA_FILE !== '') {
    parsed.searchParams.set('sslrootcert', env.DATABASE_SSL_CA_FILE);
  }
  return parsed.toString();
}

const readableFile = (value: unknown) => {
  if (typeof value !== 'string' || value === '') return false;
  try {
    accessSync(value, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

/**
 * Every environment variable the platform reads, with its rule and default.
 * Each bounded context declares its own in its descriptor's `settings`, and
 * validateEnvironment checks them all together. `.env.example` documents the
 * same list; keep them in step.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Port of the API's Prometheus /metrics listener, kept off the public port. 0 = any free port. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  /**
   * Address the API's /metrics listener binds. Default all interfaces (Prometheus scrapes over the network);
   * `127.0.0.1` where a scraper runs beside the process (a sidecar) and nothing else should reach it.
   */
  @ValidateBy(
    {
      name: 'bindAddress',
      validator: { validate: (value: unknown) => typeof value === 'string' && (value === 'localhost' || isIP(value) !== 0) },
    },
    { message: 'must be an IP address to bind (0.0.0.0, 127.0.0.1, ::) or localhost' },
  )
  METRICS_HOST = '0.0.0.0';

  /**
   * Serve Swagger UI at /docs and the OpenAPI document at /docs-json (and -yaml). `false` answers them 404, for a
   * deployment that publishes the document elsewhere; the API itself is unchanged.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  DOCS_ENABLED = true;

  /** Port of the worker's health/metrics listener. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  @Transform(({ value, obj }) => withDatabaseSsl(value, obj as Record<string, unknown>))
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  /**
   * TLS to PostgreSQL, for every URL above and below: `off` (default: as the URL says, plain
   * unless it carries sslmode), `no-verify` (encrypted, the server's certificate not checked:
   * only on a network you trust), `verify-full` (encrypted, certificate and host name checked
   * against DATABASE_SSL_CA_FILE or the system's CAs).
   */
  @IsIn(DATABASE_SSL_MODES)
  DATABASE_SSL: (typeof DATABASE_SSL_MODES)[number] = 'off';

  /** PEM file of the CA that signed PostgreSQL's certificate (a private CA); only with DATABASE_SSL=verify-full. */
  @IsOptional()
  @ValidateIf((env: Environment) => env.DATABASE_SSL_CA_FILE !== undefined)
  @ValidateBy(
    {
      name: 'isCaFileForVerifyFull',
      validator: { validate: (value, args) => (args?.object as Environment).DATABASE_SSL === 'verify-full' },
    },
    { message: 'is only used with DATABASE_SSL=verify-full' },
  )
  @ValidateBy({ name: 'isReadableFile', validator: { validate: readableFile } }, { message: 'must be a readable file' })
  DATABASE_SSL_CA_FILE?: string;

  /**
   * The schema-owner role that runs migrations (ormconfig.ts, `npm start`); the apps
   * never use it. Unset: migrations use DATABASE_URL. See scripts/db/create-roles.sql.
   */
  @IsOptional()
  @Transform(({ value, obj }) => withDatabaseSsl(value, obj as Record<string, unknown>))
  @Matches(POSTGRES_URL, { message: 'must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;

  @IsOptional()
  @Transform(({ value, obj }) => {
    const list = toList({ value });
    return Array.isArray(list) ? list.map((url) => withDatabaseSsl(url, obj as Record<string, unknown>)) : list;
  })
  @Matches(POSTGRES_URL, { each: true, message: 'must be a comma-separated list of postgres:// URLs' })
  DATABASE_REPLICA_URLS: string[] = [];

  /**
   * A replica further behind the primary than this is skipped (reads go to
   * another replica or the primary) until it catches up. Lag is measured by
   * comparing WAL positions, so an idle primary does not make replicas look late.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  REPLICA_MAX_LAG_MS = 5000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_MAX = 10;

  /** Bound on any single SQL statement, so a stuck query cannot hold a request forever. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  DATABASE_STATEMENT_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Matches(REDIS_URL, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Namespace of BullMQ keys in Redis (and of queue connections' application_name). */
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'must be 1-40 lowercase letters, digits or dashes' })
  QUEUE_PREFIX = 'keel';

  /** How often the outbox relay polls when no NOTIFY arrived (it also wakes on NOTIFY). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  /**
   * How long a worker's lock on an active job lasts before the job counts as
   * stalled and is handed to another worker (e.g. after its worker was SIGKILLed).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** Required outside development; a development secret is generated under KEEL_DATA_DIR. */
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString({ message: 'is required when NODE_ENV=production' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET!: string;

  /**
   * Secrets of earlier signing keys, still accepted for verification while
   * their tokens live (key rotation: move the old JWT_SECRET here, set a new
   * one, drop it after JWT_ACCESS_TTL_SECONDS). Tokens name their key by `kid`.
   */
  @IsOptional()
  @Transform(toList)
  @MinLength(32, { each: true, message: 'must be a comma-separated list of secrets of at least 32 characters' })
  JWT_PREVIOUS_SECRETS: string[] = [];

  @IsString()
  JWT_ISSUER = 'keel';

  @IsString()
  JWT_AUDIENCE = 'keel-api';

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` for humans, `json` for log pipelines. Defaults to pretty in development only. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty';

  /** How long an instance keeps serving after SIGTERM while failing readiness. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_MS = 5000;

  /** Upper bound for finishing in-flight work after the drain period. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  HTTP_BODY_LIMIT_BYTES = 100 * 1024;

  /** Deepest nesting of objects and arrays accepted in a JSON body; deeper bodies get a 400 problem. */
  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(1000)
  HTTP_JSON_MAX_DEPTH = 32;

  /** Largest accepted size of all request headers together; larger requests get 431 from Node's HTTP parser. */
  @Type(() => Number)
  @IsInt()
  @Min(4096)
  @Max(256 * 1024)
  HTTP_MAX_HEADER_BYTES = 16 * 1024;

  /**
   * Public https URL of the API (e.g. https://api.example.com), listed as the
   * production server in the OpenAPI document. Unset: only a relative server.
   */
  @IsOptional()
  @Matches(/^https:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an https:// URL' })
  PUBLIC_BASE_URL?: string;

  /** Where development state lives (embedded PostgreSQL, generated secrets). */
  @IsString()
  KEEL_DATA_DIR = '.data';

  @IsOptional()
  @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /**
   * Head sampler, read by the OTel SDK in the tracing preload (docs/observability/tracing.md).
   * Validated here because the SDK only reports an unknown value on its silent diag
   * channel and then records every trace; a typo should stop the boot instead.
   */
  @IsOptional()
  @IsIn(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
  OTEL_TRACES_SAMPLER?: string;

  /** Ratio of new traces recorded, 0-1 (unset: 0.1 in production, 1 otherwise). */
  @IsOptional()
  @Type(() => Number)
  @Min(0)
  @Max(1)
  OTEL_TRACES_SAMPLER_ARG?: number;

  /**
   * Rate limits (README: "Rate limits and login lockout"). Counters live in Redis when REDIS_URL is set, so
   * every API instance shares them; otherwise in process (embedded mode, one
   * instance). `false` switches every limit off, for load tests only.
   */
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  RATE_LIMIT_ENABLED = true;

  /** Requests per client (user id when authenticated, else client IP) per window, on every route but health. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = 600;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  RATE_LIMIT_WINDOW_MS = 60_000;

  /** Stricter limit on POST /auth/login, /auth/register and /auth/refresh, per client IP. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_MAX_PER_IP = 50;

  /**
   * POST /auth/register and /auth/refresh per account (the email, or the refresh token), whatever the IP. Not login:
   * a per-email counter there would let anyone lock the owner out; its lockout is per client (identity, ADR 0013).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_MAX_PER_ACCOUNT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1000)
  AUTH_RATE_LIMIT_WINDOW_MS = 300_000;

  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
   * (IPs, CIDRs, or loopback / linklocal / uniquelocal). Empty: those headers
   * are ignored and the client IP is the socket's peer.
   */
  @IsOptional()
  @Transform(toList)
  @ValidateBy(
    { name: 'isProxyAddress', validator: { validate: isProxyAddress } },
    { each: true, message: 'must be a comma-separated list of IPs or CIDRs (or loopback, linklocal, uniquelocal)' },
  )
  TRUSTED_PROXIES: string[] = [];

  /** Browser origins allowed by CORS (e.g. https://shop.example.com). Empty: no cross-origin browser access. */
  @IsOptional()
  @Transform(toList)
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'must be a comma-separated list of origins like https://app.example.com' })
  CORS_ORIGINS: string[] = [];

  /**
   * Object storage (S3-compatible: AWS S3, MinIO). Unset: AWS's endpoint for S3_REGION; `npm start`
   * sets it to its embedded server (port S3_EMBEDDED_PORT, objects under KEEL_DATA_DIR/objects).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+\/?$/, { message: 'must be an http(s):// origin like http://minio:9000' })
  S3_ENDPOINT?: string;

  /** Where clients reach the store when it differs from S3_ENDPOINT (presigned URLs name this host). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+\/?$/, { message: 'must be an http(s):// origin like https://files.example.com' })
  S3_PUBLIC_ENDPOINT?: string;

  @IsString()
  @Matches(/^[a-z0-9-]+$/, { message: 'must be a region name like eu-west-1' })
  S3_REGION = 'us-east-1';

  /** Private bucket of product images and invoices. */
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' })
  S3_BUCKET = 'keel';

  /** Path-style URLs (http://host/bucket/key): what MinIO and the embedded server need. */
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Static credentials (or S3_ACCESS_KEY_ID_FILE / S3_SECRET_ACCESS_KEY_FILE). Unset: the SDK's chain (instance role, …). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: Environment) => env.S3_ACCESS_KEY_ID !== undefined || env.S3_SECRET_ACCESS_KEY !== undefined)
  @IsString({ message: 'must be set together with S3_ACCESS_KEY_ID' })
  S3_SECRET_ACCESS_KEY?: string;

  /** Port of the S3 server `npm start` runs when S3_ENDPOINT is unset (development only). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  S3_EMBEDDED_PORT = 4569;

  /** Native HTTPS, for environments without a TLS-terminating proxy: PEM files, set both or neither. */
  @ValidateIf((env: Environment) => env.TLS_CERT_FILE !== undefined || env.TLS_KEY_FILE !== undefined)
  @IsString({ message: 'must be set together with TLS_KEY_FILE' })
  TLS_CERT_FILE?: string;

  @ValidateIf((env: Environment) => env.TLS_CERT_FILE !== undefined || env.TLS_KEY_FILE !== undefined)
  @IsString({ message: 'must be set together with TLS_CERT_FILE' })
  TLS_KEY_FILE?: string;
}
