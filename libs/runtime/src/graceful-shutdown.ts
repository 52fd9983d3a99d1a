import { INestApplicationContext, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { LifecycleState } from '@keel/kernel';
import { flushTracing } from '@keel/observability';

export interface GracefulShutdownOptions {
  drainMs: number;
  timeoutMs: number;
  /** Runs after the app closed (e.g. stop an embedded database). */
  afterClose?: () => Promise<void>;
}

/**
 * SIGTERM/SIGINT handling for every process:
 *  1. readiness fails at once (load balancers stop sending new traffic);
 *  2. keep serving for `drainMs` so they notice;
 *  3. close: stop accepting, let in-flight requests/jobs finish, run Nest shutdown hooks (DB, queues);
 *  4. exit 0 — or exit 1 if that takes longer than `timeoutMs`.
 * We exit ourselves: Nest's enableShutdownHooks re-raises the signal and exits 143.
 */
export function installGracefulShutdown(app: INestApplicationContext, options: GracefulShutdownOptions): void {
  const logger = new Logger('Shutdown');
  const lifecycle = app.get(LifecycleState);
  let started = false;

  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    lifecycle.markShuttingDown();
    logger.log(`${signal} received: readiness now failing, draining for ${options.drainMs} ms`);
    await sleep(options.drainMs);
    const deadline = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${options.timeoutMs} ms; exiting with in-flight work`);
      process.exit(1);
    }, options.timeoutMs);
    deadline.unref();
    try {
      await app.close();
      await options.afterClose?.();
      logger.log('Shutdown complete');
      await flushTracing();
      clearTimeout(deadline);
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'Shutdown failed');
      process.exit(1);
    }
  };

  process.once('SIGTERM', (s) => void shutdown(s));
  process.once('SIGINT', (s) => void shutdown(s));
}
