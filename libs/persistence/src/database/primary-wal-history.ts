import type { Lsn } from './lsn';

interface Sample {
  at: number;
  lsn: Lsn;
}

/**
 * Recent WAL positions of the primary, sampled by the replica probe. A
 * replica's lag is how long ago the primary was where the replica is now.
 * Measuring by position rather than by `pg_last_xact_replay_timestamp()` alone
 * keeps an idle primary (no commits, so an old replay timestamp) from making
 * an up-to-date replica look late.
 */
export class PrimaryWalHistory {
  private readonly samples: Sample[] = [];

  constructor(private readonly keepMs: number) {}

  add(lsn: Lsn, at = Date.now()): void {
    this.samples.push({ at, lsn });
    while (this.samples.length > 1 && this.samples[0].at < at - this.keepMs) this.samples.shift();
  }

  get latest(): Lsn | undefined {
    return this.samples.at(-1)?.lsn;
  }

  /**
   * Lag in ms of a replica that has replayed up to `replay`, or undefined with
   * no sample yet. `sinceReplayMs` (time since the replica replayed its last
   * commit) is the finer measure while commits flow; the smaller is used.
   */
  lagOf(replay: Lsn, sinceReplayMs: number | null, now = Date.now()): number | undefined {
    const latest = this.samples.at(-1);
    if (!latest) return undefined;
    if (replay >= latest.lsn) return 0;
    const validSinceReplay = sinceReplayMs !== null && Number.isFinite(sinceReplayMs) && sinceReplayMs >= 0 ? sinceReplayMs : undefined;
    // The newest moment at which the primary had nothing the replica lacks: an upper bound of the lag.
    for (let i = this.samples.length - 1; i >= 0; i--) {
      if (this.samples[i].lsn <= replay) {
        const byPosition = now - this.samples[i].at;
        return validSinceReplay === undefined ? byPosition : Math.min(byPosition, validSinceReplay);
      }
    }
    // Behind even the oldest sample: that age is only a lower bound, so take the larger estimate,
    // and call it unknown when there is nothing to go on (a single fresh sample).
    const atLeast = Math.max(now - this.samples[0].at, validSinceReplay ?? 0);
    return atLeast > 0 ? atLeast : undefined;
  }
}
