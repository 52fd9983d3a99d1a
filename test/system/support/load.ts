import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpsClient, HttpResult, NetworkError } from './https-client';

export type RequestKind = 'place-order' | 'get-product' | 'get-order';

export interface Sample {
  kind: RequestKind;
  /** 0 when no HTTP response came back (network error or client timeout). */
  status: number;
  ms: number;
  /** performance.now() when the request started. */
  at: number;
  problem: boolean;
  /** For failures: the problem's type and detail, or the network error. */
  error?: string;
  retry: boolean;
  /** For POST /orders: when this Idempotency-Key was first tried. */
  keyFirstAt?: number;
}

export interface VirtualUser {
  token: string;
}

export interface LoadOptions {
  users: VirtualUser[];
  productId: string;
  /** Pause between a user's iterations. */
  thinkMs: number;
  /** Share of orders paid with a card the sandbox declines (they end PAYMENT_FAILED). */
  declinedShare?: number;
  /**
   * How long a user keeps retrying one order (same Idempotency-Key) before giving
   * up. Longer than any outage plus recovery: the key of a request that died with
   * the database or its API instance is free again at once (its claim was in the
   * aborted transaction), so only the outage itself delays the retry.
   */
  orderRetryForMs?: number;
}

/** Statuses each request is expected to answer with when everything works. */
const OK: Record<RequestKind, number[]> = {
  'place-order': [201],
  'get-product': [200],
  'get-order': [200],
};

export const isFailure = (s: Sample) => !OK[s.kind].includes(s.status);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Figures {
  requests: number;
  failures: number;
  posts: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function figures(samples: Sample[]): Figures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    failures: samples.filter(isFailure).length,
    posts: samples.filter((s) => s.kind === 'place-order').length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.length ? ms[ms.length - 1] : 0,
  };
}

/**
 * Virtual users that loop for as long as the load runs: place an order (with an
 * Idempotency-Key), read the product, read their last order. A request that
 * fails is recorded as a failure; a failed POST is then retried with the same
 * key, as a well-behaved client does, so an order is never placed twice and the
 * test knows which orders the system accepted.
 */
export class LoadGenerator {
  readonly samples: Sample[] = [];
  /** Orders the API accepted (201), by id: the orders that must reach a terminal state. */
  readonly accepted = new Map<string, { key: string; declined: boolean }>();
  /** Orders a user gave up on after retrying for orderRetryForMs (never accepted). */
  readonly abandoned: string[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly http: HttpsClient,
    private readonly options: LoadOptions,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.options.users.map((u, i) => this.loop(u, i));
  }

  /** Stops issuing new iterations; waits for the ones in progress (and their POST retries). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** After a failed assertion: no new requests, no more retries, don't wait. */
  halt(): void {
    this.running = false;
    this.halted = true;
  }
  private halted = false;

  since(at: number, until = Infinity): Sample[] {
    return this.samples.filter((s) => s.at >= at && s.at < until);
  }

  private async loop(user: VirtualUser, index: number): Promise<void> {
    let n = 0;
    let lastOrder: string | undefined;
    // Spread the users over the first think period.
    await sleep((this.options.thinkMs * index) / this.options.users.length);
    while (this.running) {
      const declined = (this.options.declinedShare ?? 0) > 0 && n++ % Math.round(1 / (this.options.declinedShare ?? 1)) === 0;
      lastOrder = (await this.placeOrder(user, declined)) ?? lastOrder;
      await this.record('get-product', () => this.http.send('GET', `/api/v1/products/${this.options.productId}`), false);
      if (lastOrder) {
        const id = lastOrder;
        await this.record('get-order', () => this.http.send('GET', `/api/v1/orders/${id}`, { token: user.token }), false);
      }
      await sleep(this.options.thinkMs);
    }
  }

  private async placeOrder(user: VirtualUser, declined: boolean): Promise<string | undefined> {
    const key = randomUUID();
    const body = {
      items: [{ productId: this.options.productId, quantity: 1 }],
      payment: { provider: 'stripe', method: declined ? 'pm_card_chargeDeclined' : 'pm_card_visa' },
    };
    const keyFirstAt = performance.now();
    const giveUpAt = keyFirstAt + (this.options.orderRetryForMs ?? 90_000);
    for (let attempt = 0; ; attempt++) {
      const res = await this.record(
        'place-order',
        () => this.http.send('POST', '/api/v1/orders', { token: user.token, body, headers: { 'idempotency-key': key } }),
        attempt > 0,
        keyFirstAt,
      );
      if (res?.status === 201) {
        this.accepted.set(res.body.id as string, { key, declined });
        return res.body.id as string;
      }
      // 4xx other than "same key still in flight" (409, Retry-After) would be a bug in the request: retrying cannot help.
      if (res && res.status >= 400 && res.status < 500 && res.status !== 409 && res.status !== 429) {
        this.abandoned.push(key);
        return undefined;
      }
      if (performance.now() > giveUpAt || this.halted) {
        this.abandoned.push(key);
        return undefined;
      }
      await sleep(Math.min(1000, 100 * 2 ** attempt));
    }
  }

  private async record(
    kind: RequestKind,
    send: () => Promise<HttpResult>,
    retry: boolean,
    keyFirstAt?: number,
  ): Promise<HttpResult | undefined> {
    const at = performance.now();
    try {
      const res = await send();
      const problem = res.contentType.startsWith('application/problem+json');
      const error = isFailure({ kind, status: res.status } as Sample)
        ? problem
          ? `${String(res.body?.type).split('/').pop()}: ${res.body?.detail} (requestId ${res.body?.requestId})`
          : String(res.body).slice(0, 200)
        : undefined;
      this.samples.push({ kind, status: res.status, ms: res.ms, at, problem, error, retry, keyFirstAt });
      return res;
    } catch (error) {
      const ms = error instanceof NetworkError ? error.ms : performance.now() - at;
      this.samples.push({ kind, status: 0, ms, at, problem: false, error: (error as Error).message, retry, keyFirstAt });
      return undefined;
    }
  }
}
