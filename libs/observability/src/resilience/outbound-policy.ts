import { Logger } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  circuitBreaker,
  CircuitBreakerPolicy,
  CircuitState,
  type IPolicy,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { isRetryable } from './outbound-error';
import { circuitBreakerState, outboundRequestDuration } from './resilience-metrics';

export interface OutboundPolicyOptions {
  /** Names the breaker, metrics and spans, e.g. the provider's name. */
  provider: string;
  /** Per attempt. */
  attemptTimeoutMs?: number;
  /** For the whole call, retries and waits included. */
  deadlineMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Consecutive failed calls that open the breaker. */
  breakerThreshold?: number;
  /** How long the breaker stays open before letting one trial call through. */
  halfOpenAfterMs?: number;
  /** Concurrent calls allowed, and how many may wait for a slot. */
  maxConcurrent?: number;
  maxQueued?: number;
}

const STATE_VALUE: Record<CircuitState, number> = {
  [CircuitState.Closed]: 0,
  [CircuitState.HalfOpen]: 1,
  [CircuitState.Open]: 2,
  [CircuitState.Isolated]: 2,
};

/**
 * One resilience policy per external provider, built the same way for every
 * outbound client (cockatiel): overall deadline → retry (exponential backoff
 * with full jitter, honouring Retry-After, only for retryable failures) →
 * circuit breaker (consecutive failures; half-opens later) → bulkhead →
 * per-attempt timeout that aborts the request. Each attempt is a CLIENT span
 * and a histogram observation; breaker transitions are logged and exported.
 */
export class OutboundPolicy {
  private readonly logger: Logger;
  private readonly policy: IPolicy;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly halfOpenAfterMs: number;
  private openedAt = 0;

  constructor(readonly options: OutboundPolicyOptions) {
    const o = {
      attemptTimeoutMs: 5_000,
      deadlineMs: 20_000,
      maxAttempts: 4,
      baseDelayMs: 200,
      maxDelayMs: 5_000,
      breakerThreshold: 5,
      halfOpenAfterMs: 10_000,
      maxConcurrent: 20,
      maxQueued: 100,
      ...options,
    };
    this.logger = new Logger(`Outbound:${o.provider}`);
    const retryable = handleWhen(
      (error) => isRetryable(error) && !(error instanceof BrokenCircuitError) && !(error instanceof BulkheadRejectedError),
    );
    const retryPolicy = retry(retryable, {
      maxAttempts: o.maxAttempts - 1,
      backoff: new DelegateBackoff((context) => {
        const error = 'error' in context.result ? (context.result.error as { retryAfterMs?: number }) : undefined;
        if (error?.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, o.deadlineMs);
        const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** context.attempt);
        return Math.round(Math.random() * ceiling); // full jitter
      }),
    });
    retryPolicy.onRetry((event) => {
      const reason = 'error' in event ? (event.error as Error).message : 'result';
      this.logger.warn({ provider: o.provider, attempt: event.attempt, delayMs: event.delay, reason }, 'Outbound call failed; retrying');
    });
    this.breaker = circuitBreaker(handleWhen(isRetryable), {
      halfOpenAfter: o.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(o.breakerThreshold),
    });
    circuitBreakerState.set({ provider: o.provider }, 0);
    this.halfOpenAfterMs = o.halfOpenAfterMs;
    this.breaker.onStateChange((state) => {
      if (state === CircuitState.Open) this.openedAt = Date.now();
      circuitBreakerState.set({ provider: o.provider }, STATE_VALUE[state]);
      const log = state === CircuitState.Open ? 'error' : 'warn';
      this.logger[log]({ provider: o.provider, breaker: CircuitState[state] }, `Circuit breaker is now ${CircuitState[state]}`);
    });
    this.policy = wrap(
      timeout(o.deadlineMs, TimeoutStrategy.Aggressive),
      retryPolicy,
      this.breaker,
      bulkhead(o.maxConcurrent, o.maxQueued),
      timeout(o.attemptTimeoutMs, TimeoutStrategy.Aggressive),
    );
  }

  get breakerState(): 'closed' | 'half-open' | 'open' {
    const state = this.breaker.state;
    return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /** Runs `attempt` under the policy; it must honour the AbortSignal (pass it to fetch). */
  call<T>(operation: string, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.policy
      .execute(({ signal }) => this.observe(operation, signal, () => attempt(signal)))
      .catch((error: unknown) => {
        // Refused by the open breaker: nothing reached the provider. Say when a trial call will be
        // let through, so a caller that retries later (a queue job) does not retry into the open
        // breaker and use up its attempts while the provider may already be back.
        if (error instanceof BrokenCircuitError) {
          (error as BrokenCircuitError & { retryAfterMs?: number }).retryAfterMs = Math.max(
            0,
            this.openedAt + this.halfOpenAfterMs - Date.now(),
          );
        }
        throw error;
      });
  }

  private observe<T>(operation: string, signal: AbortSignal, attempt: () => Promise<T>): Promise<T> {
    const { provider } = this.options;
    return trace
      .getTracer('keel')
      .startActiveSpan(`${provider} ${operation}`, { kind: SpanKind.CLIENT, attributes: { 'keel.provider': provider } }, async (span) => {
        const end = outboundRequestDuration.startTimer({ provider, operation });
        try {
          const result = await attempt();
          end({ outcome: 'success' });
          return result;
        } catch (error) {
          end({ outcome: signal.aborted || error instanceof TaskCancelledError ? 'timeout' : 'error' });
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      });
  }
}
