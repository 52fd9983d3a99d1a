import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpRequestDuration, httpRequestsInFlight } from './metrics';

const started = new WeakMap<FastifyRequest, (labels: Record<string, string>) => void>();

/**
 * RED metrics for every request, labelled by route *template*
 * (`/api/v1/things/:id`, never the raw id) so cardinality stays bounded.
 */
export function instrumentHttp(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    httpRequestsInFlight.inc();
    started.set(request, httpRequestDuration.startTimer({ method: request.method }));
  });
  fastify.addHook('onResponse', async (request, reply) => {
    httpRequestsInFlight.dec();
    const end = started.get(request);
    if (!end) return;
    started.delete(request);
    // Bounded cardinality: one label value for everything unrouted (404s, scans).
    end({ route: request.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) });
  });
}
