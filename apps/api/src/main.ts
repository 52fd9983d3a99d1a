import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitWhenOrphaned, loadEnvironmentOrExit, settingsOf } from '@keel/kernel';
import { startMetricsServer } from '@keel/observability';
import { describeHeapLimit, installGracefulShutdown } from '@keel/runtime';
import { CONTEXTS } from '../../../contexts';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(settingsOf(CONTEXTS));
  const app = await createApiApp(env);
  const metrics = await startMetricsServer(env.METRICS_PORT, env.METRICS_HOST);
  installGracefulShutdown(app, { drainMs: env.SHUTDOWN_DRAIN_MS, timeoutMs: env.SHUTDOWN_TIMEOUT_MS, afterClose: () => metrics.close() });
  exitWhenOrphaned();
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  // What --max-old-space-size this process got and why (cgroup limit, default, NODE_OPTIONS).
  new Logger('Bootstrap').log(describeHeapLimit());
  new Logger('Bootstrap').log(
    `API listening on port ${env.PORT}; ${env.DOCS_ENABLED ? 'docs at /docs' : 'docs disabled'}; metrics on ${env.METRICS_HOST}:${env.METRICS_PORT}`,
  );
}

main().catch((error: unknown) => {
  console.error('API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
