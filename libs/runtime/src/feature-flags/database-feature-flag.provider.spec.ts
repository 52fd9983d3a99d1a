import { ErrorCode, NOOP_PROVIDER, OpenFeature, ProviderEvents, ProviderStatus, StandardResolutionReasons } from '@openfeature/server-sdk';
import { randomUUID } from 'node:crypto';
import { DatabaseFeatureFlagProvider, type FeatureFlagSource } from './database-feature-flag.provider';
import type { FeatureFlagValue } from './feature-flag';

/** A flag table in memory; `fail` makes the next reads throw, `reads` counts them. */
class FakeSource implements FeatureFlagSource {
  flags = new Map<string, FeatureFlagValue>();
  fail = false;
  reads = 0;
  private gate?: Promise<void>;
  private openGate?: () => void;

  constructor(entries: Record<string, FeatureFlagValue>) {
    this.flags = new Map(Object.entries(entries));
  }

  /** Holds the next reads until `release()` (to simulate a slow query). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async loadAll(): Promise<ReadonlyMap<string, FeatureFlagValue>> {
    this.reads++;
    // Copy at the start of the read, as a database snapshot would.
    const copy = new Map(this.flags);
    const failing = this.fail;
    await this.gate;
    if (failing) throw new Error('connection refused');
    return copy;
  }
}

const quietLogger = { warn: jest.fn() };

describe('DatabaseFeatureFlagProvider', () => {
  let domain: string;
  let source: FakeSource;
  let provider: DatabaseFeatureFlagProvider;

  beforeEach(async () => {
    domain = `spec-${randomUUID()}`;
    source = new FakeSource({
      'provider.alpha.enabled': true,
      'provider.beta.enabled': false,
      'checkout.banner': 'Winter sale',
      'cart.max-lines': 50,
      'shelf.featured': { ids: ['a', 'b'] },
    });
    provider = new DatabaseFeatureFlagProvider(source, quietLogger);
    await OpenFeature.setProviderAndWait(domain, provider);
  });

  afterEach(async () => {
    await OpenFeature.setProviderAndWait(domain, NOOP_PROVIDER);
  });

  const client = () => OpenFeature.getClient(domain);

  it('When a flag exists, then each typed evaluation returns its stored value with reason STATIC', async () => {
    const alpha = await client().getBooleanDetails('provider.alpha.enabled', false);
    expect(alpha).toMatchObject({ value: true, reason: StandardResolutionReasons.STATIC });
    expect(alpha.errorCode).toBeUndefined();
    expect(await client().getBooleanValue('provider.beta.enabled', true)).toBe(false);
    expect(await client().getStringValue('checkout.banner', '')).toBe('Winter sale');
    expect(await client().getNumberValue('cart.max-lines', 0)).toBe(50);
    expect(await client().getObjectValue('shelf.featured', {})).toEqual({ ids: ['a', 'b'] });
  });

  it('When a flag is unknown, then the caller’s default comes back with reason ERROR and FLAG_NOT_FOUND', async () => {
    const details = await client().getBooleanDetails('provider.gamma.enabled', true);
    expect(details).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
      flagKey: 'provider.gamma.enabled',
    });
    expect(await client().getBooleanValue('provider.gamma.enabled', false)).toBe(false);
  });

  it('When a flag is read as another type, then the default comes back with TYPE_MISMATCH', async () => {
    const details = await client().getStringDetails('provider.alpha.enabled', 'fallback');
    expect(details).toMatchObject({ value: 'fallback', reason: StandardResolutionReasons.ERROR, errorCode: ErrorCode.TYPE_MISMATCH });
    const asBoolean = await client().getBooleanDetails('cart.max-lines', true);
    expect(asBoolean).toMatchObject({ value: true, errorCode: ErrorCode.TYPE_MISMATCH });
  });

  it('When evaluating, then the source is not read again (the snapshot answers)', async () => {
    const before = source.reads;
    for (let i = 0; i < 20; i++) await client().getBooleanValue('provider.alpha.enabled', false);
    expect(source.reads).toBe(before);
  });

  it('When a refresh finds changes, then ConfigurationChanged names exactly the changed keys and evaluations see the new values', async () => {
    const events: Array<string[] | undefined> = [];
    client().addHandler(ProviderEvents.ConfigurationChanged, (details) => events.push(details?.flagsChanged));
    source.flags.set('provider.beta.enabled', true);
    source.flags.delete('checkout.banner');
    source.flags.set('cart.new-flag', 'x');
    await provider.refresh();
    await new Promise((resolve) => setImmediate(resolve));

    expect(events).toEqual([['cart.new-flag', 'checkout.banner', 'provider.beta.enabled']]);
    expect(await client().getBooleanValue('provider.beta.enabled', false)).toBe(true);
    expect((await client().getStringDetails('checkout.banner', 'gone')).errorCode).toBe(ErrorCode.FLAG_NOT_FOUND);
  });

  it('When a refresh finds nothing changed (objects compared by value), then no ConfigurationChanged is emitted', async () => {
    const handler = jest.fn();
    client().addHandler(ProviderEvents.ConfigurationChanged, handler);
    source.flags.set('shelf.featured', { ids: ['a', 'b'] });
    await provider.refresh();
    await new Promise((resolve) => setImmediate(resolve));
    expect(handler).not.toHaveBeenCalled();
  });

  it('When a change commits while a refresh is already reading, then a second read follows and the caller sees the change', async () => {
    source.hold();
    const first = provider.refresh(); // reads the old table and is held
    source.flags.set('provider.alpha.enabled', false); // "commits" after that read began
    const second = provider.refresh(); // what NOTIFY would trigger
    source.release();
    await Promise.all([first, second]);
    expect(source.reads).toBe(3); // initialize, the held read, one more
    expect(await client().getBooleanValue('provider.alpha.enabled', true)).toBe(false);
  });

  it('When the source fails, then the last snapshot keeps serving as STALE, and a later success makes the provider ready again', async () => {
    const stale = jest.fn();
    const ready = jest.fn();
    client().addHandler(ProviderEvents.Stale, stale);
    client().addHandler(ProviderEvents.Ready, ready);
    ready.mockClear(); // handlers for READY run at once when the provider already is

    source.fail = true;
    await expect(provider.refresh()).rejects.toThrow('connection refused');
    await new Promise((resolve) => setImmediate(resolve));
    expect(stale).toHaveBeenCalledTimes(1);
    expect(client().providerStatus).toBe(ProviderStatus.STALE);
    expect(await client().getBooleanDetails('provider.beta.enabled', true)).toMatchObject({
      value: false,
      reason: StandardResolutionReasons.STALE,
    });

    source.fail = false;
    await provider.refresh();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready).toHaveBeenCalledTimes(1);
    expect(client().providerStatus).toBe(ProviderStatus.READY);
    expect((await client().getBooleanDetails('provider.beta.enabled', true)).reason).toBe(StandardResolutionReasons.STATIC);
  });

  it('When the first load fails, then every evaluation returns its default until a refresh succeeds', async () => {
    const otherDomain = `spec-${randomUUID()}`;
    const failing = new FakeSource({ 'provider.alpha.enabled': false });
    failing.fail = true;
    const cold = new DatabaseFeatureFlagProvider(failing, quietLogger);
    await expect(OpenFeature.setProviderAndWait(otherDomain, cold)).rejects.toThrow('connection refused');
    const coldClient = OpenFeature.getClient(otherDomain);
    expect(coldClient.providerStatus).toBe(ProviderStatus.ERROR);
    expect(await coldClient.getBooleanDetails('provider.alpha.enabled', true)).toMatchObject({
      value: true,
      errorCode: ErrorCode.FLAG_NOT_FOUND,
    });

    failing.fail = false;
    await cold.refresh();
    await new Promise((resolve) => setImmediate(resolve));
    expect(coldClient.providerStatus).toBe(ProviderStatus.READY);
    expect(await coldClient.getBooleanValue('provider.alpha.enabled', true)).toBe(false);
    await OpenFeature.setProviderAndWait(otherDomain, NOOP_PROVIDER);
  });
});
