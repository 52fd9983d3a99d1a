import { HttpException, Logger } from '@nestjs/common';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { DomainError } from '@keel/kernel';
import { dbReads, dbReplicaLag, dbReplicaUp } from '@keel/observability';
import { parseLsn } from './lsn';
import { PrimaryWalHistory } from './primary-wal-history';
import { ReadReplica } from './read-replica';
import { currentReader, currentReadTarget, PRIMARY, requestRouting, runWithReadTarget } from './read-target.context';
import type { WritePositionStore } from './write-positions.store';

export interface ReadRouterOptions {
  replicaUrls: string[];
  /** Options of the primary DataSource; replicas reuse its entities and settings. */
  primaryOptions: DataSourceOptions;
  /** application_name of replica connections (`keel-api-replica`): pg_stat_activity shows who reads there. */
  applicationName: string;
  maxLagMs: number;
  /** A replica's last known replay position is trusted this long before asking it again. */
  replayFreshMs?: number;
}

type Reason =
  | 'anonymous'
  | 'no_recent_write'
  | 'own_write_replayed'
  | 'own_write_not_replayed'
  | 'write_position_unknown'
  | 'no_usable_replica'
  | 'replica_failed';

interface Choice {
  replica?: ReadReplica;
  reason: Reason;
}

/**
 * Sends read-only work to a replica when that is safe, else to the primary.
 *
 * - Only top-level queries of read-only requests are routed; commands,
 *   mutating requests, jobs and anything inside a transaction stay on the primary.
 * - Read-your-writes: a user whose last write (WAL position, WritePositionStore)
 *   a replica has not replayed yet reads from another replica or the primary.
 * - A replica that fails a probe, lags beyond maxLagMs or fails a read is
 *   skipped; a read it failed is run again on the primary (reads are idempotent).
 */
export class ReadRouter {
  private readonly logger = new Logger(ReadRouter.name);
  readonly replicas: ReadReplica[];
  private readonly history: PrimaryWalHistory;
  private readonly probeEveryMs: number;
  private readonly replayFreshMs: number;
  private timer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private next = 0;

  constructor(
    private readonly primary: DataSource,
    private readonly store: WritePositionStore,
    options: ReadRouterOptions,
  ) {
    const replicaOptions = {
      ...options.primaryOptions,
      name: undefined,
      applicationName: options.applicationName,
      // A standby is read-only: never try to create extensions or run migrations there.
      installExtensions: false,
      migrationsRun: false,
      synchronize: false,
      extra: {
        ...((options.primaryOptions as { extra?: object }).extra ?? {}),
        // Give up on an unreachable replica quickly: the primary can answer instead.
        connectionTimeoutMillis: 2_000,
      },
    } as unknown as DataSourceOptions;
    this.replicas = options.replicaUrls.map((url) => new ReadReplica(url, replicaOptions, options.maxLagMs));
    // Lag is measured in probe periods, so probe several times per allowed lag.
    this.probeEveryMs = Math.min(1000, Math.max(50, Math.floor(options.maxLagMs / 5)));
    this.history = new PrimaryWalHistory(Math.max(60_000, 3 * options.maxLagMs));
    this.replayFreshMs = options.replayFreshMs ?? 20;
  }

  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    await this.store.connect();
    // First probe before serving, so the first reads can already use a replica; never blocks boot on a dead one.
    await this.probe();
    this.timer = setInterval(() => void this.probe(), this.probeEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.probing;
    await Promise.all(this.replicas.map((replica) => replica.close()));
    await this.store.close();
  }

  /** Probes every replica once (also used by tests to skip waiting for the timer). */
  probe(): Promise<void> {
    this.probing ??= this.probeAll().finally(() => (this.probing = undefined));
    return this.probing;
  }

  /**
   * Runs one query on the target chosen for it. Nested queries, and queries
   * already pinned or inside a transaction, keep the caller's target.
   */
  async route<T>(run: () => Promise<T>): Promise<T> {
    const memo = requestRouting() as { choice?: Choice } | undefined;
    if (!this.enabled || !memo || currentReadTarget() !== undefined) return run();
    // Every query of one request reads from the same place, so they agree with each other.
    memo.choice ??= await this.choose();
    const { replica, reason } = memo.choice;
    if (!replica) {
      dbReads.inc({ target: 'primary', reason });
      return runWithReadTarget(PRIMARY, run);
    }
    const dataSource = replica.usable;
    if (!dataSource) {
      dbReads.inc({ target: 'primary', reason: 'no_usable_replica' });
      return runWithReadTarget(PRIMARY, run);
    }
    dbReads.inc({ target: 'replica', reason });
    try {
      return await runWithReadTarget(dataSource, run);
    } catch (error) {
      if (isOutcome(error)) throw error;
      if (isConnectionFailure(error)) replica.markFailed(error);
      memo.choice = { reason: 'replica_failed' };
      this.logger.warn({ err: error, replica: replica.label }, 'Read failed on a replica; running it on the primary');
      dbReads.inc({ target: 'primary', reason: 'replica_failed' });
      return runWithReadTarget(PRIMARY, run);
    }
  }

  /**
   * Remembers, for each user who wrote, the primary's WAL position after the
   * request's transactions committed. Never fails the request: without a
   * record, that user's reads are only as fresh as the replicas.
   */
  async recordWrites(userIds: Iterable<string>): Promise<void> {
    const users = [...new Set(userIds)];
    if (!this.enabled || users.length === 0) return;
    try {
      // The insert position is at or after the end of every committed transaction's commit record.
      const [{ lsn }] = (await this.primary.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)) as { lsn: string }[];
      const position = parseLsn(lsn);
      await Promise.all(users.map((user) => this.store.record(user, position)));
    } catch (error) {
      this.logger.error({ err: error, users }, 'Could not record the write position; these users may briefly read older data');
    }
  }

  private async choose(): Promise<Choice> {
    const usable = this.replicas.filter((replica) => replica.isHealthy);
    if (usable.length === 0) return { reason: 'no_usable_replica' };
    const reader = currentReader();
    if (!reader) return { replica: this.pick(usable), reason: 'anonymous' };
    const position = await this.store.positionOf(reader);
    if (position.kind === 'unknown') return { reason: 'write_position_unknown' };
    if (position.kind === 'none') return { replica: this.pick(usable), reason: 'no_recent_write' };
    const caughtUp = await Promise.all(usable.map((replica) => replica.hasReplayed(position.lsn, this.replayFreshMs)));
    const eligible = usable.filter((_, i) => caughtUp[i]);
    if (eligible.length === 0) return { reason: 'own_write_not_replayed' };
    return { replica: this.pick(eligible), reason: 'own_write_replayed' };
  }

  /** Round robin over the eligible replicas. */
  private pick(replicas: ReadReplica[]): ReadReplica {
    this.next = (this.next + 1) % Number.MAX_SAFE_INTEGER;
    return replicas[this.next % replicas.length];
  }

  private async probeAll(): Promise<void> {
    try {
      const [{ lsn }] = (await this.primary.query(`SELECT pg_current_wal_lsn()::text AS lsn`)) as { lsn: string }[];
      this.history.add(parseLsn(lsn));
    } catch (error) {
      // The primary's own health is readiness's business; lag just cannot be refreshed this round.
      this.logger.debug({ err: error }, 'Could not read the primary WAL position');
    }
    await Promise.all(this.replicas.map((replica) => replica.probe(this.history)));
    for (const replica of this.replicas) {
      dbReplicaUp.set({ replica: replica.label }, replica.isHealthy ? 1 : 0);
      dbReplicaLag.set({ replica: replica.label }, replica.lagMs === undefined ? -1 : replica.lagMs / 1000);
    }
  }
}

/** A domain error or HTTP exception is the query's answer, not a replica fault. */
function isOutcome(error: unknown): boolean {
  return error instanceof DomainError || error instanceof HttpException;
}

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);

/** The replica is unreachable or going away (SQLSTATE class 08, 57P0x, or a socket error). */
function isConnectionFailure(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown })?.driverError, (error as { cause?: unknown })?.cause];
  return candidates.some((candidate) => {
    if (!candidate || typeof candidate !== 'object') return false;
    const code = String((candidate as { code?: unknown }).code ?? '');
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || CONNECTION_ERROR_CODES.has(code)) return true;
    const message = String((candidate as { message?: unknown }).message ?? '');
    return /Connection terminated|timeout exceeded when trying to connect|Connection is not established|not connected/i.test(message);
  });
}
