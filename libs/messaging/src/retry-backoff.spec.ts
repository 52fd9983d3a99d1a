import { retryDelayAfter, retryDelayMs } from './retry-backoff';

describe('retry backoff', () => {
  it('When attempts grow, then delays grow exponentially within [ceiling/2, ceiling] and stop at 60 s', () => {
    for (let attempt = 1; attempt <= 15; attempt++) {
      const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i++) {
        const delay = retryDelayMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('When 15 attempts are exhausted, then the job has been retried for several minutes, not seconds', () => {
    const minimum = Array.from({ length: 14 }, (_, i) => Math.min(60_000, 1_000 * 2 ** i) / 2).reduce((a, b) => a + b, 0);
    expect(minimum).toBeGreaterThan(4 * 60_000);
  });
});

describe('retryDelayAfter', () => {
  it('When the error says when to retry, then the delay is at least that (plus a margin), capped at 60 s', () => {
    expect(retryDelayAfter(1, { retryAfterMs: 9_000 })).toBeGreaterThanOrEqual(9_100);
    expect(retryDelayAfter(1, { retryAfterMs: 10 * 60_000 })).toBeLessThanOrEqual(60_000);
  });

  it('When the error has no usable hint, then the normal schedule applies', () => {
    for (const error of [undefined, new Error('x'), { retryAfterMs: 'soon' }, { retryAfterMs: Number.NaN }]) {
      const delay = retryDelayAfter(3, error);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
