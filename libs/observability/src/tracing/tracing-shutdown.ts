// A deep path, not the @keel/kernel barrel: the tracing preload loads this file before OpenTelemetry has
// patched anything, and the barrel would load pino and Nest before their instrumentations are in place.
import { withDeadline } from '@keel/kernel/time/deadline';

const HOOK = Symbol.for('keel.tracing.shutdown');

/** The preloaded SDK registers its flush here; graceful shutdown calls it before exiting. */
export function setTracingShutdown(shutdown: () => Promise<void>): void {
  (globalThis as Record<symbol, unknown>)[HOOK] = shutdown;
}

/** Bounded: a collector that does not answer must not hold up the exit. */
export async function flushTracing(timeoutMs = 2_000): Promise<void> {
  const shutdown = (globalThis as Record<symbol, unknown>)[HOOK] as (() => Promise<void>) | undefined;
  if (!shutdown) return;
  await withDeadline(shutdown(), timeoutMs, () => new Error('tracing flush timed out')).catch(() => undefined);
}
