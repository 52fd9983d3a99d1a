import { Injectable } from '@nestjs/common';
import {
  assertSchemaCompatibility,
  createPostgresBackend,
  Queue,
  SchemaMigrationRequiredError,
  Worker,
  withBackend,
  type Processor,
  type QueueOptions,
  type WorkerOptions,
} from 'bullmq';
import { Client } from 'pg';
import { QUEUE_SCHEMA } from './queue-schema';
import { AppConfig } from '@keel/kernel';

/**
 * Chooses where BullMQ keeps its queues: Redis when REDIS_URL is set (the
 * production path), otherwise BullMQ's PostgreSQL backend in the application
 * database (the embedded default, ADR 0003). Callers get the same Queue and
 * Worker API either way.
 */
@Injectable()
export class QueueConnection {
  readonly backend: 'redis' | 'postgres';
  private readonly prefix: string;
  private readonly redisUrl?: string;
  private readonly databaseUrl: string;
  private readonly postgres = withBackend(createPostgresBackend);

  constructor(config: AppConfig) {
    this.redisUrl = config.get('REDIS_URL', { infer: true });
    this.databaseUrl = config.get('DATABASE_URL', { infer: true });
    this.prefix = config.get('QUEUE_PREFIX', { infer: true });
    this.backend = this.redisUrl ? 'redis' : 'postgres';
  }

  createQueue(name: string, options: Omit<QueueOptions, 'connection'> = {}): Queue {
    if (this.redisUrl) return new Queue(name, { ...options, prefix: this.prefix, connection: redisOptions(this.redisUrl) });
    return new this.postgres.Queue(name, {
      ...options,
      connection: this.postgresOptions(`${this.prefix}-queue-${name}`),
    }) as unknown as Queue;
  }

  createWorker(name: string, processor: Processor, options: Omit<WorkerOptions, 'connection'>): Worker {
    if (this.redisUrl) return new Worker(name, processor, { ...options, prefix: this.prefix, connection: redisOptions(this.redisUrl) });
    return new this.postgres.Worker(name, processor, {
      ...options,
      connection: this.postgresOptions(`${this.prefix}-worker-${name}`),
    }) as unknown as Worker;
  }

  /**
   * Fails unless the PostgreSQL backend's schema is there and compatible (no-op on Redis). Called
   * before any worker starts: a BullMQ worker whose schema is missing retries its memoized, rejected
   * bootstrap in a loop without a delay — ≈ 4 500 "Queue worker error" lines a second that starve the
   * event loop (the log buffer is never flushed) until the heap runs out, measured at 6 s under the
   * 128 MB default. A worker started before the migrations should say so and exit instead.
   */
  async assertReady(): Promise<void> {
    if (this.redisUrl) return;
    const client = new Client({ connectionString: this.databaseUrl, application_name: `${this.prefix}-schema-check` });
    await client.connect();
    try {
      await assertSchemaCompatibility(client, QUEUE_SCHEMA, {});
    } catch (error) {
      if (!(error instanceof SchemaMigrationRequiredError)) throw error;
      throw new Error(
        `The queue schema "${QUEUE_SCHEMA}" does not exist in this database: run the migrations first ` +
          '(npm run migration:run, or the image\'s "migrate" command), then start the worker.',
        { cause: error },
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private postgresOptions(applicationName: string) {
    // Small pools: every Queue/Worker owns one pool plus a LISTEN client.
    // migrate: false — the migration step creates and upgrades the schema (ormconfig.ts
    // KeelDataSource) as the owner role; the app role may lack the rights for that DDL.
    return { connectionString: this.databaseUrl, schema: QUEUE_SCHEMA, migrate: false, max: 3, application_name: applicationName };
  }
}

/** ioredis options from a redis:// URL; BullMQ needs maxRetriesPerRequest: null for blocking workers. */
export function redisOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
  };
}
