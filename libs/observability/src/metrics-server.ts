import Fastify, { FastifyInstance } from 'fastify';
import { renderMetrics } from './metrics';

/** Registers GET /metrics (Prometheus text format) on a Fastify instance. */
export function registerMetricsRoute(server: FastifyInstance): void {
  server.get('/metrics', async (_request, reply) =>
    reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(await renderMetrics()),
  );
}

/**
 * The API's metrics listener on METRICS_PORT, apart from the public port so
 * /metrics is never exposed through the load balancer.
 */
export async function startMetricsServer(port: number, host = '0.0.0.0'): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  registerMetricsRoute(server);
  await server.listen({ port, host });
  return server;
}
