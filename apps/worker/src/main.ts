import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createHttpApp, exitWhenOrphaned, installGracefulShutdown, loadEnvironmentOrExit } from '@keel/platform';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit();
  // The worker serves only health (and later metrics) so orchestrators can probe it.
  const app = await createHttpApp(WorkerModule, { env, unversionedPaths: ['health/live', 'health/ready'] });
  installGracefulShutdown(app, { drainMs: 0, timeoutMs: env.SHUTDOWN_TIMEOUT_MS });
  exitWhenOrphaned();
  await app.listen({ port: env.WORKER_PORT, host: '0.0.0.0' });
  new Logger('Bootstrap').log(`Worker running; health on port ${env.WORKER_PORT}`);
}

main().catch((error: unknown) => {
  console.error('Worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
