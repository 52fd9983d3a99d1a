import {
  ErrorCode,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  StandardResolutionReasons,
} from '@openfeature/server-sdk';
import { type FeatureFlagType, featureFlagTypeOf, type FeatureFlagValue } from './feature-flag';

/** Where the provider reads flags from: every flag, key → value, in one read. */
export interface FeatureFlagSource {
  loadAll(): Promise<ReadonlyMap<string, FeatureFlagValue>>;
}

export interface ProviderLogger {
  warn(details: object, message: string): void;
}

/**
 * OpenFeature provider whose source of truth is `platform.feature_flags`.
 *
 * Evaluations only read an in-memory snapshot: a flag check on the hot path
 * of a request never costs a query. `refresh()` reloads the snapshot; the
 * runtime calls it on PostgreSQL NOTIFY (any instance's change, at commit) and
 * on a slow timer as a safety net. A changed snapshot emits OpenFeature's
 * ConfigurationChanged event with the keys that changed.
 *
 * If the database cannot be read, the last snapshot keeps serving (reason
 * STALE) and the provider reports itself stale; the next successful refresh
 * makes it ready again. Before any successful read there is no snapshot, so
 * every evaluation returns the caller's default (FLAG_NOT_FOUND).
 */
export class DatabaseFeatureFlagProvider implements Provider {
  readonly metadata = { name: 'keel-postgres' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();

  private snapshot: ReadonlyMap<string, FeatureFlagValue> = new Map();
  private healthy = false;
  private initialized = false;
  private requested = false;
  private running?: Promise<void>;

  constructor(
    private readonly source: FeatureFlagSource,
    private readonly logger: ProviderLogger,
  ) {}

  /** Called by the SDK when the provider is bound; a rejection puts it in ERROR (defaults apply) until a refresh succeeds. */
  async initialize(): Promise<void> {
    try {
      await this.refresh();
    } finally {
      this.initialized = true;
    }
  }

  /**
   * Reloads the snapshot. Calls that arrive while a reload runs are coalesced
   * into one more reload after it, because the running read may have started
   * before the change that triggered them committed: when the returned promise
   * resolves, the snapshot includes every change committed before the call.
   */
  refresh(): Promise<void> {
    this.requested = true;
    this.running ??= this.drain();
    return this.running;
  }

  /** The keys currently known, for diagnostics and tests. */
  keys(): string[] {
    return [...this.snapshot.keys()].sort();
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, 'boolean'));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, 'string'));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, 'object'));
  }

  private resolve<T>(flagKey: string, defaultValue: T, expected: FeatureFlagType): ResolutionDetails<T> {
    if (!this.snapshot.has(flagKey)) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.FLAG_NOT_FOUND,
        errorMessage: `No feature flag "${flagKey}"`,
      };
    }
    const value = this.snapshot.get(flagKey);
    const actual = featureFlagTypeOf(value);
    if (actual !== expected) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `Feature flag "${flagKey}" is of type ${actual ?? 'unknown'}, not ${expected}`,
      };
    }
    // No targeting rules: one value per flag. While the database is unreachable the value may be out of date.
    return { value: value as T, reason: this.healthy ? StandardResolutionReasons.STATIC : StandardResolutionReasons.STALE };
  }

  private async drain(): Promise<void> {
    try {
      while (this.requested) {
        this.requested = false;
        await this.reload();
      }
    } finally {
      // In the same tick as the last check of `requested`, so no call can slip in between and be lost.
      this.running = undefined;
    }
  }

  private async reload(): Promise<void> {
    let next: ReadonlyMap<string, FeatureFlagValue>;
    try {
      next = new Map(await this.source.loadAll());
    } catch (error) {
      if (this.healthy && this.initialized) {
        this.logger.warn({ err: error }, 'Feature flags could not be reloaded; serving the last known values');
        this.events.emit(ProviderEvents.Stale, { message: 'feature flag store unreachable' });
      }
      this.healthy = false;
      throw error;
    }
    const changed = changedKeys(this.snapshot, next);
    const recovered = !this.healthy && this.initialized;
    this.snapshot = next;
    this.healthy = true;
    // Before initialize() has returned, the SDK itself announces READY; afterwards we tell it about recovery and changes.
    if (recovered) this.events.emit(ProviderEvents.Ready);
    if (this.initialized && changed.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: changed });
  }
}

function changedKeys(before: ReadonlyMap<string, FeatureFlagValue>, after: ReadonlyMap<string, FeatureFlagValue>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  // jsonb normalises key order, so equal values serialise equally.
  return [...keys].filter((key) => JSON.stringify(before.get(key)) !== JSON.stringify(after.get(key))).sort();
}
