import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { type Lsn, parseLsn } from './lsn';
import type { PrimaryWalHistory } from './primary-wal-history';

/**
 * One read replica: its own TypeORM DataSource (same entities as the primary,
 * its own small pool) and what the last probe found. A replica is `usable`
 * only while it answers, is in recovery (a promoted ex-replica may have
 * diverged) and lags the primary by at most `maxLagMs`.
 */
export class ReadReplica {
  private readonly logger = new Logger(ReadReplica.name);
  readonly label: string;
  private dataSource: DataSource | undefined;
  private connecting: Promise<DataSource> | undefined;
  private healthy = false;
  /** Last known replay position and when it was read. */
  private replayLsn: Lsn | undefined;
  private replayLsnAt = 0;
  private refreshing: Promise<void> | undefined;
  lagMs: number | undefined;

  constructor(
    private readonly url: string,
    private readonly options: DataSourceOptions,
    private readonly maxLagMs: number,
  ) {
    this.label = replicaLabel(url);
  }

  /** The DataSource to read from now, or undefined while down or lagging. */
  get usable(): DataSource | undefined {
    return this.healthy ? this.dataSource : undefined;
  }

  get isHealthy(): boolean {
    return this.healthy;
  }

  /**
   * Reads the replica's replay position and estimates its lag against the
   * primary's recent positions. Any failure marks it unusable until a later
   * probe succeeds.
   */
  async probe(primary: PrimaryWalHistory): Promise<void> {
    try {
      const dataSource = await this.connect();
      const [row] = (await dataSource.query(
        `SELECT pg_is_in_recovery() AS recovery,
                pg_last_wal_replay_lsn()::text AS replay,
                (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since_replay_ms`,
      )) as { recovery: boolean; replay: string | null; since_replay_ms: number | null }[];
      if (!row.recovery || row.replay === null) {
        this.setHealthy(false, !row.recovery ? 'it is not in recovery (promoted?)' : 'it has replayed nothing yet');
        this.lagMs = undefined;
        return;
      }
      this.noteReplay(parseLsn(row.replay));
      this.lagMs = primary.lagOf(this.replayLsn!, row.since_replay_ms);
      if (this.lagMs === undefined) this.setHealthy(false, 'the primary position is unknown');
      else if (this.lagMs > this.maxLagMs) this.setHealthy(false, `it lags by ${Math.round(this.lagMs)} ms`);
      else this.setHealthy(true);
    } catch (error) {
      this.markFailed(error);
    }
  }

  /**
   * True when the replica has replayed WAL up to `lsn`. Uses the last known
   * position when it already suffices or is younger than `freshMs`; otherwise
   * asks the replica (one cheap round trip, shared by concurrent callers).
   */
  async hasReplayed(lsn: Lsn, freshMs: number): Promise<boolean> {
    if (this.replayLsn !== undefined && this.replayLsn >= lsn) return true;
    if (Date.now() - this.replayLsnAt >= freshMs) {
      this.refreshing ??= this.refreshReplay().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.healthy && this.replayLsn !== undefined && this.replayLsn >= lsn;
  }

  /** A read on this replica failed in a way that says the replica, not the query, is at fault. */
  markFailed(error: unknown): void {
    this.setHealthy(false, (error as Error)?.message ?? String(error));
  }

  async close(): Promise<void> {
    const dataSource = await this.connecting?.catch(() => undefined);
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
  }

  private async refreshReplay(): Promise<void> {
    try {
      const dataSource = await this.connect();
      const [row] = (await dataSource.query(`SELECT pg_last_wal_replay_lsn()::text AS replay`)) as { replay: string | null }[];
      if (row.replay !== null) this.noteReplay(parseLsn(row.replay));
    } catch (error) {
      this.markFailed(error);
    }
  }

  private noteReplay(lsn: Lsn): void {
    // Replay only moves forward on one server; never step back on a late answer.
    if (this.replayLsn === undefined || lsn > this.replayLsn) this.replayLsn = lsn;
    this.replayLsnAt = Date.now();
  }

  /** Connects once; a failed attempt is forgotten so the next probe tries again with a fresh DataSource. */
  private connect(): Promise<DataSource> {
    if (this.dataSource?.isInitialized) return Promise.resolve(this.dataSource);
    this.connecting ??= new DataSource({ ...this.options, url: this.url } as DataSourceOptions)
      .initialize()
      .then((dataSource) => (this.dataSource = dataSource))
      .catch((error: unknown) => {
        this.connecting = undefined;
        throw error;
      });
    return this.connecting;
  }

  private setHealthy(healthy: boolean, why?: string): void {
    if (healthy === this.healthy) return;
    this.healthy = healthy;
    if (healthy) this.logger.log({ replica: this.label, lagMs: this.lagMs }, 'Read replica in use');
    else this.logger.warn({ replica: this.label, reason: why }, 'Read replica skipped; reads go elsewhere until it recovers');
  }
}

/** host:port/database, never credentials: safe for logs and metric labels. */
export function replicaLabel(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'replica';
  }
}
