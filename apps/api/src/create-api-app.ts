import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Environment, readServiceVersion } from '@keel/kernel';
import { createHttpApp } from '@keel/http';
import { mountQueueDashboard } from '@keel/runtime';
import { ApiModule } from './api.module';

/** Shared by main.ts and the e2e tests, so tests exercise the exact production stack. */
export async function createApiApp(env: Environment): Promise<NestFastifyApplication> {
  const app = await createHttpApp(ApiModule, {
    env,
    // Pages for browsers and media, outside the versioned API: the account link pages, the development mailbox and product images.
    unversionedPaths: ['health/live', 'health/ready', 'verify-email', 'reset-password', 'account-pages.js', 'dev/mailbox', 'media/*path'],
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
