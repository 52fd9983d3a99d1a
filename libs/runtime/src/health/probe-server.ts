import { INestApplicationContext } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import Fastify, { FastifyInstance } from 'fastify';
import { registerMetricsRoute } from '@keel/observability';
import { LifecycleState, ReadinessRegistry } from '@keel/kernel';

/**
 * A minimal HTTP listener for processes without a public API (the worker):
 * /health/live and /health/ready for orchestrators, /metrics for Prometheus,
 * and any extra routes passed in. Keeps the contexts' controllers out of the worker.
 */
export async function startProbeServer(
  app: INestApplicationContext,
  port: number,
  extra?: (server: FastifyInstance) => void,
): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  const lifecycle = app.get(LifecycleState);
  const registry = app.get(ReadinessRegistry);
  const health = app.get(HealthCheckService);
  server.get('/health/live', async () => ({ status: 'ok' }));
  server.get('/health/ready', async (_request, reply) => {
    if (lifecycle.isShuttingDown) return reply.status(503).send({ status: 'shutting_down' });
    try {
      return await health.check(registry.all());
    } catch (error) {
      return reply.status(503).send((error as { response?: unknown }).response ?? { status: 'error' });
    }
  });
  registerMetricsRoute(server);
  extra?.(server);
  await server.listen({ port, host: '0.0.0.0' });
  return server;
}
