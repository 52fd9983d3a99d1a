const HOOK = Symbol.for('keel.tracing.shutdown');

/** The preloaded SDK registers its flush here; graceful shutdown calls it before exiting. */
export function setTracingShutdown(shutdown: () => Promise<void>): void {
  (globalThis as Record<symbol, unknown>)[HOOK] = shutdown;
}

export async function flushTracing(): Promise<void> {
  const shutdown = (globalThis as Record<symbol, unknown>)[HOOK] as (() => Promise<void>) | undefined;
  await shutdown?.().catch(() => undefined);
}
