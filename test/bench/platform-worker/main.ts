import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnvironmentOrExit } from '@keel/kernel';
import { installGracefulShutdown, startProbeServer } from '@keel/runtime';
import { BenchWorkerModule } from './bench-worker.module';

/** Started by the bench harness exactly like apps/worker/src/main.ts, with the bench module. */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit();
  const app = await NestFactory.createApplicationContext(BenchWorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  await app.init();
  const probes = await startProbeServer(app, env.WORKER_PORT);
  installGracefulShutdown(app, { drainMs: 0, timeoutMs: env.SHUTDOWN_TIMEOUT_MS, afterClose: () => probes.close() });
}

main().catch((error: unknown) => {
  console.error('Bench worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
