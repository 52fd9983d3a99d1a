import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitWhenOrphaned, loadEnvironmentOrExit, settingsOf } from '@keel/kernel';
import { describeHeapLimit, installGracefulShutdown, startProbeServer } from '@keel/runtime';
import { CONTEXTS } from '../../../contexts';
import { createWorkerApp } from './create-worker-app';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(settingsOf(CONTEXTS));
  const app = await createWorkerApp();
  await app.init();
  const probes = await startProbeServer(app, env.WORKER_PORT);
  // No drain period: the worker takes no traffic from a load balancer. Closing
  // waits for active jobs; the probe server goes last so readiness stays visible.
  installGracefulShutdown(app, { drainMs: 0, timeoutMs: env.SHUTDOWN_TIMEOUT_MS, afterClose: () => probes.close() });
  exitWhenOrphaned();
  // What --max-old-space-size this process got and why (cgroup limit, default, NODE_OPTIONS).
  new Logger('Bootstrap').log(describeHeapLimit());
  new Logger('Bootstrap').log(`Worker running; health on port ${env.WORKER_PORT}`);
}

main().catch((error: unknown) => {
  console.error('Worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
