import type { FastifyInstance } from 'fastify';
import { httpRequestDuration, httpRequestsInFlight } from './metrics';

/**
 * RED metrics for every request, labelled by route *template*
 * (`/api/v1/things/:id`, never the raw id) so cardinality stays bounded.
 * Synchronous hooks with no per-request state: the duration is Fastify's own
 * clock (reply.elapsedTime, from the request's arrival), so nothing is kept
 * between the two hooks and no promise is made per request.
 */
export function instrumentHttp(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (_request, _reply, done) => {
    httpRequestsInFlight.inc();
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    httpRequestsInFlight.dec();
    // Bounded cardinality: one label value for everything unrouted (404s, scans).
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions?.url ?? 'unmatched', status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
