import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Environment, readServiceVersion } from '@keel/kernel';
import { createHttpApp } from '@keel/http';
import { mountQueueDashboard } from '@keel/runtime';
import { ApiModule } from './api.module';

/** Shared by main.ts and the e2e tests, so tests exercise the exact production stack. */
export async function createApiApp(env: Environment): Promise<NestFastifyApplication> {
  const app = await createHttpApp(ApiModule, {
    env,
    unversionedPaths: ['health/live', 'health/ready', 'media/*path'],
    docs: {
      title: 'Keel API',
      version: readServiceVersion(),
      description:
        'Commerce backend: identity, catalog, inventory, orders, payments, notifications. ' +
        'Errors are RFC 9457 application/problem+json with a requestId; send X-Request-Id to correlate.',
    },
  });
  await mountQueueDashboard(app);
  return app;
}
