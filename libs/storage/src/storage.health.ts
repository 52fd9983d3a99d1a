import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { withDeadline } from '@keel/kernel';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage.port';

/** A probe answers within this; a slower store counts as degraded. */
const PROBE_TIMEOUT_MS = 1_000;
/** Readiness is polled often (every few seconds per instance): one real probe per period is enough. */
const PROBE_EVERY_MS = 5_000;

/**
 * Storage in the readiness answer as a non-critical dependency: `up` or
 * `degraded`, never a failed check, so a storage outage does not take the API
 * out of its load balancer.
 */
@Injectable()
export class StorageHealth {
  private last?: { at: number; status: 'up' | 'degraded' };
  private probing?: Promise<'up' | 'degraded'>;

  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  async check(): Promise<HealthIndicatorResult> {
    return { storage: { status: await this.status(), critical: false } } as unknown as HealthIndicatorResult;
  }

  private async status(): Promise<'up' | 'degraded'> {
    if (this.last && Date.now() - this.last.at < PROBE_EVERY_MS) return this.last.status;
    this.probing ??= withDeadline(this.storage.ping(), PROBE_TIMEOUT_MS, () => new Error('storage probe timed out'))
      .then(
        () => 'up' as const,
        () => 'degraded' as const,
      )
      .then((status) => {
        this.last = { at: Date.now(), status };
        this.probing = undefined;
        return status;
      });
    return this.probing;
  }
}
