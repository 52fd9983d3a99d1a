/**
 * Baseline for R1: the least a Node server can do to answer
 * GET /api/v1/products/:id — bare Fastify serialising the same JSON document
 * Keel returns, with no logging, metrics, tracing, validation or cache.
 */
import Fastify from 'fastify';

async function main(): Promise<void> {
  const document = JSON.parse(process.env.BENCH_BODY ?? '{}') as Record<string, unknown>;
  const app = Fastify({ logger: false });
  app.get('/api/v1/products/:id', async () => document);
  await app.listen({ port: Number(process.env.BENCH_PORT), host: '127.0.0.1' });
  process.stdout.write('listening\n');
}

void main();
