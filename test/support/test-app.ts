import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { validateEnvironment } from '@keel/platform';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The real API (same factory as main.ts) on an ephemeral port, against its own
 * freshly migrated database. `env` overrides variables for this app only.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: db.url,
    ...env,
  });
  const app = await createApiApp(validateEnvironment(process.env));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const server = app.getHttpServer();
  return {
    app,
    db,
    http: () => request(server),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
